package dev.stylefleet.cli.faults;

import dev.stylefleet.cli.MultipartBody;
import dev.stylefleet.cli.scale.JobLoad;
import dev.stylefleet.cli.scale.JobMix;
import java.util.List;
import java.util.Random;

/**
 * The fault suite's jobs: both tasks and mixed sizes, every one with a callback. Per 20 submissions:
 * <ul>
 *   <li>8 super-resolution ({@link JobLoad#MODEL}) of small inputs (32-64 px, inline in the job message);
 *   <li>3 super-resolution of medium inputs (96-160 px), JPEG output;
 *   <li>6 stylize ({@link #STYLE}, a style network generated in code) of 32-96 px inputs;
 *   <li>3 large uploads (over the gateway's 256 KiB inline bound, so they travel through the object store)
 *       with {@code maxSide} {@value #LARGE_MAX_SIDE}, alternately either task: the storage path at little
 *       compute.
 * </ul>
 */
public final class MixedJobs implements JobMix {
    /** The built-in style the suite's fleet gets from a generated built-in root. */
    public static final String STYLE = "fault-wave";
    static final int LARGE_MAX_SIDE = 48;
    /** Noise PNGs of this side are over 300 kB: above the inline bound (262144 bytes by default). */
    static final int LARGE_SIDE = 320;
    private static final int PER = 20;

    private final String callbackUrl;
    private final List<byte[]> small;
    private final List<byte[]> medium;
    private final List<byte[]> styleInputs;
    private final List<byte[]> large;

    public MixedJobs(String callbackUrl) {
        this.callbackUrl = callbackUrl;
        Random random = new Random(15);
        this.small = JobMix.noisePngs(random, 12, 32, 64);
        this.medium = JobMix.noisePngs(random, 6, 96, 160);
        this.styleInputs = JobMix.noisePngs(random, 8, 32, 96);
        this.large = JobMix.noisePngs(random, 3, LARGE_SIDE, LARGE_SIDE + 8);
    }

    @Override
    public MultipartBody next(Random random) {
        int slot = random.nextInt(PER);
        MultipartBody form;
        if (slot < 8) {
            form = superResolve(pick(small, random));
        } else if (slot < 11) {
            form = superResolve(pick(medium, random)).field("format", "jpeg");
        } else if (slot < 17) {
            form = stylize(pick(styleInputs, random));
        } else {
            byte[] png = pick(large, random);
            form = (slot % 2 == 0 ? superResolve(png) : stylize(png)).field("maxSide", LARGE_MAX_SIDE);
        }
        return form.field("callbackUrl", callbackUrl);
    }

    private static MultipartBody superResolve(byte[] png) {
        return new MultipartBody().file("image", "in.png", "image/png", png).field("task", "super-resolve")
                .field("model", JobLoad.MODEL);
    }

    private static MultipartBody stylize(byte[] png) {
        return new MultipartBody().file("image", "in.png", "image/png", png).field("task", "stylize")
                .field("model", STYLE);
    }

    private static byte[] pick(List<byte[]> images, Random random) {
        return images.get(random.nextInt(images.size()));
    }
}
