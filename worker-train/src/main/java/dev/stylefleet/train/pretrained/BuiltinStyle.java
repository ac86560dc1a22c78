package dev.stylefleet.train.pretrained;

import java.util.List;

/**
 * The six pretrained styles stylefleet ships as built-ins (Engstrom's fast-style-transfer nets,
 * see {@link FastStyleTransferNet}): folder in the source distribution, model id, display name,
 * painting and artist. Only the nets ship, never the paintings (some are not in the public domain).
 */
public record BuiltinStyle(String folder, String id, String name, String painting, String artist) {

    public static final List<BuiltinStyle> ALL = List.of(
            new BuiltinStyle("la_muse", "la-muse", "La Muse", "La Muse (1935)", "Pablo Picasso"),
            new BuiltinStyle("rain_princess", "rain-princess", "Rain Princess", "Rain Princess", "Leonid Afremov"),
            new BuiltinStyle("scream", "scream", "The Scream", "The Scream (1893)", "Edvard Munch"),
            new BuiltinStyle("udnie", "udnie", "Udnie", "Udnie (Young American Girl, The Dance) (1913)",
                    "Francis Picabia"),
            new BuiltinStyle("wave", "wave", "The Great Wave", "The Great Wave off Kanagawa (c. 1831)",
                    "Katsushika Hokusai"),
            new BuiltinStyle("wreck", "wreck", "The Shipwreck of the Minotaur",
                    "The Shipwreck of the Minotaur (c. 1810)", "J. M. W. Turner"));

    /** Classpath folder of the compact (float16) checkpoints in worker-train. */
    public static final String RESOURCE_ROOT = "dev/stylefleet/train/builtin/styles";

    /** Where the shipped weights came from (also in {@link #NOTICE_TEXT}). */
    public static final String PROVENANCE = "Trained by Logan Engstrom (fast-style-transfer, TensorFlow); converted to "
            + "deeplearn.js checkpoints by Reiichiro Nakano; redistributed by ml5js/ml5-data-and-models (path "
            + "models/style-transfer/<style>/, commit 0612a3e7c51cbffdc5db701dff49d16d1ac26fa8; a byte-identical copy "
            + "is in reiinakano/fast-style-transfer-deeplearnjs). Imported by stylefleet: weights stored as float16 "
            + "(widened to float32 at load), architecture and options unchanged.";

    public static final String LICENCE = "MIT";

    public static final List<String> COPYRIGHT = List.of("Copyright (c) 2018 ml5",
            "Copyright (c) 2017 Reiichiro Nakano");

    /** File name of the notice shipped with the models in worker-infer. */
    public static final String NOTICE_FILE = "NOTICE-fast-style-transfer.txt";

    /** The licence notice that must travel with anything derived from these weights. */
    public static final String NOTICE_TEXT = """
            Pretrained fast style-transfer networks (styles la-muse, rain-princess, scream, udnie, wave, wreck)

            Provenance: trained by Logan Engstrom with fast-style-transfer (TensorFlow,
            https://github.com/lengstrom/fast-style-transfer); converted to deeplearn.js checkpoints by
            Reiichiro Nakano (https://github.com/reiinakano/fast-style-transfer-deeplearnjs); redistributed
            by ml5js/ml5-data-and-models, path models/style-transfer/<style>/, commit
            0612a3e7c51cbffdc5db701dff49d16d1ac26fa8. stylefleet stores the weights as float16 and exports
            them to ONNX; the network (architecture, options, values up to float16 rounding) is unchanged.
            The style paintings are not included and keep their own rights.

            ml5-data-and-models is distributed under the MIT License:

            Copyright (c) 2018 ml5

            fast-style-transfer-deeplearnjs is distributed under the MIT License:

            Copyright (c) 2017 Reiichiro Nakano

            MIT License

            Permission is hereby granted, free of charge, to any person obtaining a copy
            of this software and associated documentation files (the "Software"), to deal
            in the Software without restriction, including without limitation the rights
            to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
            copies of the Software, and to permit persons to whom the Software is
            furnished to do so, subject to the following conditions:

            The above copyright notice and this permission notice shall be included in all
            copies or substantial portions of the Software.

            THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
            IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
            FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
            AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
            LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
            OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
            SOFTWARE.
            """;

    /** The compact checkpoint of this style on the classpath. */
    public CheckpointSource resource() {
        return CheckpointSource.classpath(RESOURCE_ROOT + "/" + id);
    }

    public static BuiltinStyle byId(String id) {
        return ALL.stream().filter(s -> s.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no built-in style " + id));
    }
}
