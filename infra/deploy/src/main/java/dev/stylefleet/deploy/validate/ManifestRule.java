package dev.stylefleet.deploy.validate;

import java.util.List;

/** One check over a whole rendered release; each problem is a sentence naming the object at fault. */
@FunctionalInterface
public interface ManifestRule {
    List<String> check(RenderedRelease release);
}
