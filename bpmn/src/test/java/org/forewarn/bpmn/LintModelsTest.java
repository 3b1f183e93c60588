package org.forewarn.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model lint that guards every {@code bpmn/*.bpmn} in the build (ops/lint-models, run by
 * Maven in the test phase) really fails on a broken model, warnings included, and names the
 * rule. The models themselves are linted by that Maven execution, not here.
 */
class LintModelsTest {

    private static final Path FIXTURES = Path.of("src/test/resources/lint");

    private final Path script = Path.of(System.getProperty("forewarn.lint-models", "../ops/lint-models"));

    @BeforeEach
    void lintIsOn() {
        assumeFalse(Boolean.getBoolean("bpmnlint.skip"), "model lint skipped with -Dbpmnlint.skip=true");
        assertThat(script).isExecutable();
    }

    @Test
    void serviceTaskWithoutJobTypeFailsTheLintNamingCamundasRule() throws Exception {
        Result result = lint(FIXTURES.resolve("service-task-without-job-type.bpmn"));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("send_sms \"Send SMS\": error:")
                .contains("<zeebe:TaskDefinition>")
                .contains("[camunda-compat/implementation]");
    }

    @Test
    void aWarningAloneFailsTheLint() throws Exception {
        Result result = lint(FIXTURES.resolve("fake-join-warning-only.bpmn"));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("record_contact: warning:")
                .contains("[fake-join]")
                .contains("0 error(s), 1 warning(s)");
    }

    @Test
    void aMissingFileIsAnErrorNotASilentPass() throws Exception {
        Result result = lint(FIXTURES.resolve("no-such-model.bpmn"));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output()).contains("no such file");
    }

    private Result lint(Path model) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(script.toString(), model.toString())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        // The first run installs the linter with npm ci; npm's own timeouts bound it.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("ops/lint-models did not finish:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {}
}
