package dev.stylefleet.gateway.api;

import dev.stylefleet.gateway.errors.ErrorCode;
import dev.stylefleet.gateway.errors.ApiException;
import dev.stylefleet.gateway.infra.ModelLookup;
import dev.stylefleet.schemas.ModelManifest;
import dev.stylefleet.platform.storage.ObjectStore;
import dev.stylefleet.platform.storage.StorageException;
import java.util.Optional;

/**
 * Checks both training submissions ({@code POST /v1/styles}, {@code POST /v1/upscalers}) make of their
 * dataset and of the model they start from ({@code initFrom}), with the same codes and fields.
 */
final class TrainingRequests {
    private TrainingRequests() {}

    /** The dataset field: present and a dataset name (its existence is {@link #requireDataset}'s). */
    static String dataset(TrainForm f) {
        if (FormFields.blank(f.dataset)) {
            throw FormFields.missing("dataset", "the name of a dataset uploaded with POST /v1/datasets");
        }
        String dataset = f.dataset.trim();
        if (!DatasetResource.NAME.matcher(dataset).matches()) {
            throw FormFields.invalid("dataset", f.dataset, "a dataset name from GET /v1/datasets");
        }
        return dataset;
    }

    /** 400 UNKNOWN_DATASET unless the tenant has at least one image under that dataset name. */
    static void requireDataset(ObjectStore store, String tenant, String dataset) {
        try {
            if (DatasetResource.count(store, tenant, dataset) == 0) {
                throw new ApiException(ErrorCode.UNKNOWN_DATASET, "dataset", "dataset: no dataset '" + dataset
                        + "' for this API key; upload one with POST /v1/datasets (see GET /v1/datasets)");
            }
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the object store cannot be reached; retry later", e);
        }
    }

    /**
     * {@code initFrom}, when given, must name a model the tenant can use (a built-in or its own: another
     * tenant's is refused like a missing one) that does {@code task}, at {@code scale} for
     * super-resolution; whether its network fits the job's architecture is the training worker's to judge.
     */
    static void requireInitModel(ModelLookup models, String tenant, String initFrom, String task, Integer scale) {
        if (initFrom == null) {
            return;
        }
        Optional<ModelManifest> m;
        try {
            m = models.latest(initFrom);
        } catch (StorageException e) {
            throw new ApiException(ErrorCode.STORAGE_UNAVAILABLE, null, "the model registry cannot be reached; retry later", e);
        }
        if (m.isEmpty() || (m.get().tenant() != null && !m.get().tenant().equals(tenant))) {
            throw new ApiException(ErrorCode.UNKNOWN_MODEL, "initFrom", "initFrom: '" + initFrom
                    + "' is not in the model registry; allowed: the id of a model from GET /v1/models");
        }
        if (!m.get().task().equals(task)) {
            throw new ApiException(ErrorCode.MODEL_TASK_MISMATCH, "initFrom", "initFrom: '" + initFrom + "' does "
                    + m.get().task() + ", not " + task + "; start from a " + task + " model");
        }
        if (scale != null && m.get().scale() != scale) {
            throw new ApiException(ErrorCode.MODEL_TASK_MISMATCH, "initFrom", "initFrom: '" + initFrom
                    + "' upscales x" + m.get().scale() + ", not x" + scale + "; start from a model of the same scale");
        }
    }
}
