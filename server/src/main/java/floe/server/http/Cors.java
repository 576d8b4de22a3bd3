package floe.server.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Cross-origin answers for browser clients, as DynamoDB gives them, and only to a
 * request with an {@code Origin}: any origin, the method and headers the preflight
 * asks for, and on every other answer the response headers AWS's front end exposes.
 */
final class Cors {
    /** AWS's list, as its JSON services send it. */
    static final String EXPOSED =
            "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date";

    private Cors() {}

    static FullHttpResponse preflight(FullHttpRequest request) {
        FullHttpResponse r =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
        HttpHeaders h = r.headers();
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        String method = request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        if (method != null) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, method);
        }
        String asked = request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        if (asked != null) {
            h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, asked);
        }
        h.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "172800");
        DynamoHandler.finish(r, "text/plain");
        return r;
    }

    static void decorate(FullHttpResponse r) {
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        r.headers().set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
    }
}
