package org.forewarn.adapters.smpp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.forewarn.workflows.ports.CounterpartUnavailable;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our one bind to the SMSC, kept up: bound at {@link #start()} (a failure there only schedules the
 * next try, so the application starts without its SMSC), checked by enquire_link whenever it has
 * been idle for the configured interval, and bound again with a doubling back-off (capped) whenever
 * it is lost — closed by the SMSC, a failed enquire_link, a broken socket. Each bind is a
 * {@link Link} with its own window of in-flight submits and a signal that fires when that bind is
 * lost, so that a send waiting for a response on it fails at once instead of waiting out its
 * timeout. Binds happen on one thread of their own, never on a caller's.
 */
public class SmscConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmscConnection.class);

    private final SmppSettings settings;
    private final MessageReceiverListener receipts;
    private final ScheduledExecutorService binder;
    private volatile Link link;
    private volatile boolean closed;
    private int failedBinds;

    /**
     * One bind: its session, its window of in-flight submit_sm, and {@code lost}, completed when the
     * session closes.
     */
    public record Link(SMPPSession session, Semaphore window, CompletableFuture<Void> lost) {
    }

    /** @param receipts gets the deliver_sm of this bind (delivery receipts); null for none */
    public SmscConnection(SmppSettings settings, MessageReceiverListener receipts) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.receipts = receipts;
        this.binder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "smpp-bind-" + settings.providerName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Binds now; if the SMSC cannot be bound, keeps trying in the background and returns. */
    public void start() {
        try {
            binder.submit(this::bind).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the SMPP bind task failed", e.getCause());
        }
    }

    /** The live bind. */
    public Link link() {
        Link current = link;
        if (current == null || !current.session().getSessionState().isTransmittable()) {
            throw new CounterpartUnavailable("not bound to the SMSC " + settings.providerName()
                    + "; binding again in the background");
        }
        return current;
    }

    public boolean isBound() {
        Link current = link;
        return current != null && current.session().getSessionState().isBound();
    }

    public SmppSettings settings() {
        return settings;
    }

    /** Unbinds and closes the session; no rebind follows. */
    @Override
    public void close() {
        closed = true;
        binder.shutdownNow();
        Link current = link;
        link = null;
        if (current != null) {
            current.session().unbindAndClose();
            current.lost().complete(null);
        }
    }

    private void bind() {
        if (closed || link != null) {
            return;
        }
        int timeout = Math.toIntExact(settings.responseTimeout().toMillis());
        // jSMPP's default factory connects without a timeout: an SMSC that drops packets would hold this thread
        SMPPSession session = new SMPPSession((host, port) -> {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), timeout);
                return new SocketConnection(socket);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        });
        session.setEnquireLinkTimer(Math.toIntExact(settings.enquireLinkInterval().toMillis()));
        session.setTransactionTimer(settings.responseTimeout().toMillis());
        if (receipts != null) {
            session.setMessageReceiverListener(receipts);
        }
        BindType bindType = settings.bindType() == SmppSettings.Bind.TRANSCEIVER ? BindType.BIND_TRX
                : BindType.BIND_TX;
        try {
            session.connectAndBind(settings.host(), settings.port(), new BindParameter(bindType, settings.systemId(),
                    settings.password(), settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                    null), timeout);
        } catch (IOException | RuntimeException e) {
            session.close();
            failedBinds++;
            Duration wait = backoff();
            LOG.warn("cannot bind to the SMSC {} at {}:{} as {} (failure {}): {}; trying again in {}",
                    settings.providerName(), settings.host(), settings.port(), settings.systemId(), failedBinds,
                    e.getMessage(), wait);
            schedule(wait);
            return;
        }
        if (closed) {
            session.unbindAndClose(); // closed while this bind was under way
            return;
        }
        Link bound = new Link(session, new Semaphore(settings.window(), true), new CompletableFuture<>());
        session.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                lost(bound);
            }
        });
        failedBinds = 0;
        link = bound;
        LOG.info("bound to the SMSC {} at {}:{} as {} ({})", settings.providerName(), settings.host(),
                settings.port(), settings.systemId(), bindType);
        if (!session.getSessionState().isBound()) {
            lost(bound); // closed before the listener was in place
        }
    }

    private void lost(Link lost) {
        if (!lost.lost().complete(null)) {
            return;
        }
        if (link == lost) {
            link = null;
        }
        if (!closed) {
            Duration wait = settings.rebindInitialBackoff();
            LOG.warn("the bind to the SMSC {} was lost; binding again in {}", settings.providerName(), wait);
            schedule(wait);
        }
    }

    private Duration backoff() {
        long initial = settings.rebindInitialBackoff().toMillis();
        long millis = initial << Math.min(failedBinds - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.rebindMaxBackoff().toMillis()));
    }

    private void schedule(Duration wait) {
        if (closed) {
            return;
        }
        try {
            binder.schedule(this::bind, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: no rebind wanted
        }
    }
}
