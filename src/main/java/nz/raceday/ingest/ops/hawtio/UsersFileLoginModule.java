package nz.raceday.ingest.ops.hawtio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * The Hawtio login against the management server's users file (Vert.x format: {@code user.ops = <password>,admin}):
 * the same users, read at each login. Every user of the file gets the role {@link #ROLE}, the one Hawtio requires,
 * as the management server lets any user of the file in.
 */
public final class UsersFileLoginModule implements LoginModule {

    /** The JAAS option naming the users file. */
    static final String FILE_OPTION = "file";
    /** The role every user of the file has in the console. */
    static final String ROLE = "raceday-operator";

    private Subject subject;
    private CallbackHandler callbacks;
    private Path file;
    private final List<Principal> principals = new ArrayList<>();

    /** A user who logged in. */
    public record UserPrincipal(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    /** A role of a user who logged in (the class Hawtio's {@code hawtio.rolePrincipalClasses} names). */
    public record RolePrincipal(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        this.file = Path.of(String.valueOf(options.get(FILE_OPTION)));
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot read the credentials: " + e.getMessage());
        }
        String user = name.getName();
        char[] given = password.getPassword();
        password.clearPassword();
        String entry = user == null || given == null ? null : users(file).getProperty("user." + user);
        if (entry == null) {
            throw new FailedLoginException("unknown user or wrong password");
        }
        String[] parts = entry.split(",");
        if (!MessageDigest.isEqual(parts[0].trim().getBytes(StandardCharsets.UTF_8),
                new String(given).getBytes(StandardCharsets.UTF_8))) {
            throw new FailedLoginException("unknown user or wrong password");
        }
        principals.clear();
        principals.add(new UserPrincipal(user));
        principals.add(new RolePrincipal(ROLE));
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isBlank()) {
                principals.add(new RolePrincipal(parts[i].trim()));
            }
        }
        return true;
    }

    /** The users file; a missing file lets nobody in. */
    static Properties users(Path file) {
        Properties users = new Properties();
        if (Files.isReadable(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                users.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return users;
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        return true;
    }
}
