package dev.stylefleet.gateway.api;

import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import java.io.IOException;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/**
 * Recognises the failures the HTTP and REST layers raise on a body that is not well-formed (multipart
 * with a missing or mismatched boundary, no closing boundary, a body cut off mid-part, garbage, an
 * unparseable form), so that they are answered 400 BAD_REQUEST and not taken for bugs. Each of them is
 * the client's doing; what they have in common is only where they are thrown from, hence the list.
 */
final class MalformedRequests {
    private MalformedRequests() {}

    static boolean isMalformedBody(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MultipartParser.MalformedMessageException
                    || t instanceof HttpPostRequestDecoder.ErrorDataDecoderException
                    || t instanceof HttpPostRequestDecoder.EndOfDataDecoderException
                    || t instanceof HttpPostRequestDecoder.TooManyFormFieldsException
                    || t instanceof HttpPostRequestDecoder.TooLongFormFieldException
                    // The body ended before the multipart's closing boundary (RESTEasy Reactive's parser).
                    || (t instanceof IOException && String.valueOf(t.getMessage()).contains("multipart"))
                    // Vert.x: a multipart body without a usable Content-Type boundary.
                    || (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("multipart"))) {
                return true;
            }
        }
        return false;
    }

    static String message(Throwable failure) {
        return "request body: not a well-formed multipart/form-data body (the Content-Type's boundary parameter, "
                + "each part's boundary line and the closing boundary must be present and match)";
    }
}
