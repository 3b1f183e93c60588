package org.forewarn.app;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import java.time.Duration;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.forewarn.bpmn.Processes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deploys the models before Axon's processors start (so the bridge's first message finds its
 * process), and opens the job workers after Axon has started (so their commands find handlers);
 * workers close, and finish the jobs they hold ({@link JobWorkers#close}), before Axon stops.
 */
@Configuration(proxyBeanMethods = false)
public class ZeebeRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(ZeebeRuntime.class);

    @Bean
    SmartLifecycle processDeployment(CamundaClient zeebe) {
        return new PhasedLifecycle(SpringAxonConfiguration.LIFECYCLE_PHASE - 100) {
            @Override
            void onStart() {
                DeployResourceCommandStep2 deploy = null;
                for (String resource : Processes.RESOURCES) {
                    deploy = deploy == null
                            ? zeebe.newDeployResourceCommand().addResourceFromClasspath(resource)
                            : deploy.addResourceFromClasspath(resource);
                }
                var deployment = deploy.send().join();
                LOG.info("deployed {} process(es): {}", deployment.getProcesses().size(), Processes.RESOURCES);
            }
        };
    }

    @Bean
    SmartLifecycle jobWorkers(CamundaClient zeebe, CaseworkConfiguration.LadderWorkers workers,
                              @Value("${forewarn.workers.job-timeout}") Duration jobTimeout,
                              @Value("${forewarn.workers.poll-timeout:PT2S}") Duration pollTimeout,
                              @Value("${forewarn.workers.drain-time}") Duration drainTime,
                              @Value("${forewarn.workers.enabled:true}") boolean enabled) {
        JobWorkers open = new JobWorkers(zeebe, workers.byType(), jobTimeout, pollTimeout, drainTime);
        return new PhasedLifecycle(SpringAxonConfiguration.LIFECYCLE_PHASE + 100) {
            @Override
            void onStart() {
                if (!enabled) {
                    LOG.warn("job workers are disabled (forewarn.workers.enabled=false): this node sends nothing");
                    return;
                }
                open.open();
            }

            @Override
            void onStop() {
                open.close();
            }
        };
    }

    private abstract static class PhasedLifecycle implements SmartLifecycle {
        private final int phase;
        private volatile boolean running;

        PhasedLifecycle(int phase) {
            this.phase = phase;
        }

        abstract void onStart();

        void onStop() {
        }

        @Override
        public void start() {
            onStart();
            running = true;
        }

        @Override
        public void stop() {
            onStop();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return phase;
        }
    }
}
