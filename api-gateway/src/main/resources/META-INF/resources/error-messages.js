// What each stable error code (docs/api.md) means to a person looking at the page. The server's own
// message follows, because it names the field and what is allowed.

const MESSAGES = {
  INVALID_IMAGE: 'That file could not be read as an image (empty, truncated or corrupt).',
  IMAGE_TOO_LARGE: 'That image is too large for this server.',
  UNSUPPORTED_IMAGE_TYPE: 'That file type is not supported: use a PNG, JPEG or WebP image.',
  UNSUPPORTED_MEDIA_TYPE: 'The request was not sent as a form upload.',
  UNKNOWN_MODEL: 'That model or style does not exist (any more). Refresh the gallery and pick another.',
  MODEL_TASK_MISMATCH: 'That model does the other task: pick a style for stylizing, an upscaler for super-resolution.',
  MISSING_FIELD: 'Something required is missing.',
  INVALID_FIELD: 'One of the settings is not allowed.',
  UNAUTHENTICATED: 'The API key was refused. Check the key at the top right.',
  NOT_FOUND: 'The server does not know that address (is it an older version?).',
  JOB_NOT_FOUND: 'That job does not exist for this API key.',
  IDEMPOTENCY_CONFLICT: 'A different request was already sent with the same idempotency key.',
  CALLBACK_URL_FORBIDDEN: 'That callback URL is not allowed.',
  JOB_NOT_FINISHED: 'The job has not finished yet.',
  RESULT_GONE: 'The result of that job is no longer stored.',
  MODEL_INVALID: 'That ONNX file is not a usable model for this service.',
  LOSS_NETWORK_UNAVAILABLE: 'Training needs the VGG-16 loss network, which this server does not have.',
  UNKNOWN_DATASET: 'That training dataset does not exist: upload one first.',
  DATASET_EMPTY: 'None of the uploaded files is a usable image: upload PNG, JPEG or WebP photos.',
  DATASET_UNUSABLE: 'The training photos could not be used (too few readable images, or too small).',
  JOB_ALREADY_FINISHED: 'That job has already finished, so there is nothing to cancel.',
  MODEL_ID_TAKEN: 'A model with that id already exists: choose another id.',
  NO_IMAGE_RESULT: 'That job does not produce an image (a training job produces a model).',
  NO_PREVIEW: 'There is no preview for that job yet.',
  STYLE_NOT_FOUND: 'That style does not exist (any more).',
  UNKNOWN_UPLOAD: 'That upload id is unknown or has expired: upload the image again.',
  INVALID_PARAMS: 'One of the training settings is not allowed.',
  INVALID_STYLE_IMAGE: 'The painting could not be read as an image.',
  INVALID_OPTIONS: 'One of the image options is not allowed.',
  UNSUPPORTED_OUTPUT_FORMAT: 'That output format is not supported: use PNG, JPEG or WebP.',
  INFERENCE_FAILED: 'The model failed while processing the image.',
  TRAINING_FAILED: 'Training failed.',
  ENQUEUE_FAILED: 'The job queue did not accept the job; try again in a moment.',
  STORAGE_UNAVAILABLE: 'The storage server is unreachable; try again in a moment.',
  NOT_READY: 'The server is still starting; try again in a few seconds.',
  METHOD_NOT_ALLOWED: 'The server does not allow that here.',
  BAD_REQUEST: 'The server could not understand the upload.',
  INTERNAL: 'The server hit a bug; its log has the details.',
  NETWORK: 'The server could not be reached.',
  HTTP_413: 'The upload is larger than the server accepts.',
};

/** A heading and a detail line for an ApiError or a job's {code, message}. */
export function describeError(error) {
  const code = error.code || 'ERROR';
  const heading = MESSAGES[code] || 'The request failed.';
  const detail = error.message && error.message !== heading ? error.message : '';
  return { code, heading, detail };
}
