package org.casefile.account;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The address a login is counted against: the connection's peer as Vert.x sees it. Forwarded headers are not
 * trusted unless Quarkus is told to (quarkus.http.proxy.proxy-address-forwarding), so a client cannot choose its
 * own address. An IPv6 client is counted by its /64, the block one subscriber usually holds.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(RoutingContext routing) {
        SocketAddress remote = routing == null ? null : routing.request().remoteAddress();
        if (remote == null || !remote.isInetSocket() || remote.hostAddress() == null) {
            return "unknown";
        }
        String host = remote.hostAddress();
        try {
            byte[] bytes = InetAddress.getByName(host).getAddress();
            if (bytes.length == 16) {
                return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(bytes, 8), 16)).getHostAddress() + "/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }
}
