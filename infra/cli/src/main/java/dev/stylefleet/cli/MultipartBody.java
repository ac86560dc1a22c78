package dev.stylefleet.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data request body (RFC 7578): text fields and file parts, built in memory. */
public final class MultipartBody {
    private final String boundary = "stylefleet-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** Adds a text field; a null value is left out (the server's default applies). */
    public MultipartBody field(String name, Object value) {
        if (value != null) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        }
        return this;
    }

    public MultipartBody file(String name, String filename, String contentType, byte[] bytes) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + filename.replace("\"", "_").replace("\r", "_").replace("\n", "_") + "\"\r\nContent-Type: "
                + contentType + "\r\n\r\n");
        body.writeBytes(bytes);
        write("\r\n");
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public byte[] build() {
        write("--" + boundary + "--\r\n");
        return body.toByteArray();
    }

    private void write(String s) {
        body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
