package org.forewarn.adapters.smpp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * An SMSC for tests, on 127.0.0.1 and a free port, built on jSMPP's server side. It takes binds
 * with its password, records every submit_sm, answers each with a message id ({@code smsc-1},
 * {@code smsc-2}, …) or with the error statuses queued by {@link #answerNextWith}, holds its answers
 * while {@link #holdAnswers()} is in force (counting how many submits wait at once), counts the
 * enquire_links it gets, sends delivery receipts, and drops every bind without an unbind on
 * {@link #dropBinds()}.
 */
public final class TestSmsc implements AutoCloseable {

    public static final String SYSTEM_ID = "forewarn";

    private final ServerSocket serverSocket;
    private final SMPPServerSessionListener listener;
    private final Thread acceptor;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final List<SubmitSm> submits = new CopyOnWriteArrayList<>();
    private final List<BindType> binds = new CopyOnWriteArrayList<>();
    private final Queue<Integer> errors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger enquireLinks = new AtomicInteger();
    private final AtomicInteger unbinds = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private volatile String password;
    private volatile CountDownLatch hold;

    private TestSmsc(String password) throws IOException {
        this.password = password;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        ServerConnectionFactory loopback = new ServerConnectionFactory() {
            @Override
            public ServerConnection listen(int port) {
                return new ServerSocketConnection(serverSocket);
            }

            @Override
            public ServerConnection listen(int port, int timeout) {
                return listen(port);
            }

            @Override
            public ServerConnection listen(int port, int timeout, int backlog) {
                return listen(port);
            }
        };
        this.listener = new SMPPServerSessionListener(0, loopback);
        // room for held submits beside enquire_links and unbinds
        listener.setPduProcessorDegree(8);
        listener.setSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.UNBOUND && oldState.isBound()) {
                unbinds.incrementAndGet();
            }
        });
        listener.setMessageReceiverListener(new Receiver());
        this.acceptor = new Thread(this::acceptBinds, "test-smsc-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static TestSmsc start(String password) {
        try {
            return new TestSmsc(password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public List<SubmitSm> submits() {
        return List.copyOf(submits);
    }

    public List<BindType> binds() {
        return List.copyOf(binds);
    }

    public int enquireLinks() {
        return enquireLinks.get();
    }

    /** How many bound sessions were ended by the client with an unbind. */
    public int unbinds() {
        return unbinds.get();
    }

    /** The most submit_sm that ever waited for their answer at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** The next submits are answered with these command statuses, in order; later ones with a message id. */
    public void answerNextWith(int... commandStatuses) {
        for (int status : commandStatuses) {
            errors.add(status);
        }
    }

    /** Submits wait for their answer until {@link #releaseAnswers()}. */
    public void holdAnswers() {
        hold = new CountDownLatch(1);
    }

    public void releaseAnswers() {
        CountDownLatch held = hold;
        hold = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** Closes every bound session without an unbind, as an SMSC restart or a broken link does. */
    public void dropBinds() {
        for (SMPPServerSession session : sessions) {
            session.close();
        }
        sessions.clear();
    }

    /**
     * Sends a delivery receipt for {@code messageId} over the bound session: the SMPP 3.4 Appendix B
     * text, and, when {@code withTlvs}, the receipted_message_id and message_state TLVs.
     */
    public void deliverReceipt(String messageId, DeliveryReceiptState state, boolean withTlvs) {
        SMPPServerSession session = sessions.stream().filter(s -> s.getSessionState().isReceivable())
                                            .reduce((first, second) -> second)
                                            .orElseThrow(() -> new IllegalStateException("no receiver bound"));
        Date now = new Date();
        String text = new DeliveryReceipt(messageId, 1, state == DeliveryReceiptState.DELIVRD ? 1 : 0,
                now, now, state, "000", "").toString();
        OptionalParameter[] tlvs = withTlvs
                ? new OptionalParameter[] {new OptionalParameter.Receipted_message_id(messageId),
                        new OptionalParameter.Message_state((byte) messageState(state))}
                : new OptionalParameter[0];
        try {
            session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "8613800138000",
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, "12381",
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                    text.getBytes(StandardCharsets.ISO_8859_1), tlvs);
        } catch (Exception e) {
            throw new IllegalStateException("the client did not take the delivery receipt", e);
        }
    }

    private static int messageState(DeliveryReceiptState state) {
        return switch (state) {
            case ENROUTE -> 1;
            case DELIVRD -> 2;
            case EXPIRED -> 3;
            case DELETED -> 4;
            case UNDELIV -> 5;
            case ACCEPTD -> 6;
            case UNKNOWN -> 7;
            case REJECTD -> 8;
        };
    }

    @Override
    public void close() {
        releaseAnswers();
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        dropBinds();
        acceptor.interrupt();
    }

    private void acceptBinds() {
        while (!serverSocket.isClosed()) {
            try {
                SMPPServerSession session = listener.accept();
                BindRequest bind = session.waitForBind(5_000);
                if (!SYSTEM_ID.equals(bind.getSystemId()) || !password.equals(bind.getPassword())) {
                    bind.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                    session.close();
                    continue;
                }
                bind.accept("test-smsc");
                binds.add(bind.getBindType());
                sessions.add(session);
            } catch (SocketException e) {
                return; // closed
            } catch (Exception e) {
                // a client that did not bind in time: wait for the next
            }
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            submits.add(submitSm);
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                CountDownLatch held = hold;
                if (held != null && !held.await(30, TimeUnit.SECONDS)) {
                    throw new ProcessRequestException("held too long", SMPPConstant.STAT_ESME_RSYSERR);
                }
                Integer error = errors.poll();
                if (error != null) {
                    throw new ProcessRequestException("answering with an error on demand", error);
                }
                return new SubmitSmResult(new MessageId("smsc-" + ids.incrementAndGet()), new OptionalParameter[0]);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessRequestException("interrupted", SMPPConstant.STAT_ESME_RSYSERR);
            } catch (PDUStringException e) {
                throw new ProcessRequestException("bad message id", SMPPConstant.STAT_ESME_RSYSERR);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void onAcceptEnquireLink(EnquireLink enquireLink, Session source) {
            enquireLinks.incrementAndGet();
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                                                               SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}
