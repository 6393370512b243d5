package dev.caretaker.cli;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether an API URL points at this machine. Decided from the URL's text alone: resolving the name
 * would cost a DNS lookup on every command, and a name that merely resolves to a local address (a
 * tunnel to API Gateway, say) still wants signed requests.
 */
public final class LoopbackHost {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.[0-9]{1,3}){3}");

    private LoopbackHost() {
    }

    public static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("localhost")
                || host.endsWith(".localhost")
                || IPV4_LOOPBACK.matcher(host).matches()
                || host.equals("[::1]")
                || host.equals("[0:0:0:0:0:0:0:1]");
    }
}
