package org.casefile.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

/** bcrypt hashing and checking (Elytron's implementation, as Quarkus's own security extensions use). */
public final class Passwords {

    /** bcrypt's cost (log2 of its rounds) for every password Casefile hashes. */
    public static final int COST = 10;

    /** The shortest password an account may have. */
    public static final int MIN_LENGTH = 12;

    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();

    /**
     * The hash of a random password no one knows, made once: a login for an unknown account is checked against it,
     * so it costs what a wrong password for a real account costs and the time of a refusal does not tell which
     * accounts exist.
     */
    static final String NO_ACCOUNT_HASH;

    private static final Map<Integer, LongAdder> VERIFICATIONS = new ConcurrentHashMap<>();

    static {
        byte[] unguessable = new byte[32];
        new SecureRandom().nextBytes(unguessable);
        NO_ACCOUNT_HASH = hash(Base64.getEncoder().encodeToString(unguessable));
    }

    private Passwords() {
    }

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password, COST);
    }

    public static boolean matches(String password, String storedHash) {
        try {
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
            BCryptPassword stored = (BCryptPassword) factory.translate(ModularCrypt.decode(storedHash));
            VERIFICATIONS.computeIfAbsent(stored.getIterationCount(), cost -> new LongAdder()).increment();
            return factory.verify(stored, password.toCharArray());
        } catch (InvalidKeySpecException | ClassCastException | java.security.NoSuchAlgorithmException
                 | java.security.InvalidKeyException e) {
            return false;
        }
    }

    /** How many bcrypt verifications of that cost this process has run: what a login costs, for the record. */
    public static long verifications(int cost) {
        LongAdder count = VERIFICATIONS.get(cost);
        return count == null ? 0 : count.sum();
    }
}
