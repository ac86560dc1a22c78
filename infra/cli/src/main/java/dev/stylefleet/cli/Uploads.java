package dev.stylefleet.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** A multipart POST with an upload progress bar. */
final class Uploads {
    private Uploads() {}

    static JsonNode post(ApiClient api, String path, MultipartBody form, ProgressBar bar, String label) {
        try {
            return api.postMultipart(path, form, (sent, total) -> bar.show(label, (double) sent / total,
                    JobDisplay.bytes(sent) + " / " + JobDisplay.bytes(total)));
        } finally {
            bar.done();
        }
    }
}
