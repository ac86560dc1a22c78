// The page: pick a photo, pick a style or an upscaler (or train a style from a painting), follow the job
// live over Server-Sent Events, compare and download the result. Plain ES modules, no build step, nothing
// fetched from elsewhere.
import { Api, ApiError } from './api.js';
import { readEventStream } from './sse.js';
import { LossPlot, formatLoss } from './loss-plot.js';
import { CompareSlider } from './compare-slider.js';
import { describeError } from './error-messages.js';

const KEY_STORAGE = 'stylefleet.apiKey';
const DEFAULT_KEY = 'local-dev-key';
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
// Used only when the server has no GET /v1/models: the upscalers every deployment has (BuiltinModels).
const BUILTIN_SR = [{ id: 'bicubic-x4', task: 'super-resolve', scale: 4, builtin: true, architecture: 'bicubic' },
  { id: 'bicubic-x8', task: 'super-resolve', scale: 8, builtin: true, architecture: 'bicubic' }];
// How often to ask for the job when the server cannot stream events.
const POLL_MS = 500;

const $ = (id) => document.getElementById(id);

const keyInput = $('api-key');
keyInput.value = localStorage.getItem(KEY_STORAGE) || DEFAULT_KEY;
keyInput.addEventListener('change', () => {
  localStorage.setItem(KEY_STORAGE, keyInput.value.trim());
  loadChoices();
});
const api = new Api(() => keyInput.value.trim() || DEFAULT_KEY);

const state = {
  tab: 'stylize',
  photo: null, // File
  photoUrl: null,
  painting: null,
  selected: { stylize: null, 'super-resolve': null }, // model ids
  job: null, // the JobView being followed
  follow: null, // AbortController of the current event stream
  urls: [], // object URLs of the current job, revoked when a new job starts
  previewStep: -1,
  previewLoading: false,
};

const plot = new LossPlot($('loss-plot'));
const compare = new CompareSlider($('compare'));

// ---- errors ----
function showError(err) {
  const d = describeError(err);
  const box = $('error');
  box.querySelector('.heading').textContent = d.heading;
  box.querySelector('.detail').textContent = d.detail;
  box.querySelector('.code').textContent = d.code;
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}
function clearError() {
  $('error').hidden = true;
}
$('error').querySelector('.close').addEventListener('click', clearError);

// ---- step 1: the photo ----
function wireDropzone(zone, input, onFile) {
  input.addEventListener('change', () => input.files[0] && onFile(input.files[0]));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const f = e.dataTransfer.files[0];
    if (f) {
      onFile(f);
    }
  });
}

wireDropzone($('dropzone'), $('photo-input'), (file) => {
  state.photo = file;
  if (state.photoUrl) {
    URL.revokeObjectURL(state.photoUrl);
  }
  state.photoUrl = URL.createObjectURL(file);
  const img = $('photo-preview');
  img.onload = () => {
    $('photo-info').textContent = `${file.name} · ${img.naturalWidth} × ${img.naturalHeight} px · ${formatBytes(file.size)}`;
  };
  img.onerror = () => {
    // The browser cannot show it (for example an unusual format); the server has the last word.
    $('photo-info').textContent = `${file.name} · ${formatBytes(file.size)} (no preview)`;
  };
  img.src = state.photoUrl;
  img.hidden = false;
  $('photo-hint').hidden = true;
  clearError();
  updateRunButton();
});

wireDropzone($('painting-drop'), $('style-image'), (file) => {
  state.painting = file;
  const img = $('painting-preview');
  img.src = URL.createObjectURL(file);
  img.hidden = false;
  $('painting-drop').querySelector('.hint').hidden = true;
  if (!$('style-name').value) {
    $('style-name').value = file.name.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[^a-z0-9]+/, '').slice(0, 64);
  }
  updateRunButton();
});

// ---- step 2: what to do ----
document.querySelectorAll('.tabs button').forEach((b) => b.addEventListener('click', () => selectTab(b.dataset.tab)));

function selectTab(tab) {
  state.tab = tab;
  document.querySelectorAll('.tabs button').forEach((b) => b.classList.toggle('active', b.dataset.tab === tab));
  document.querySelectorAll('.panel').forEach((p) => { p.hidden = p.dataset.panel !== tab; });
  $('format-label').hidden = tab === 'train';
  $('precision-label').hidden = tab === 'train';
  updateRunButton();
}

function updateRunButton() {
  const run = $('run');
  run.textContent = { stylize: 'Stylize', 'super-resolve': 'Upscale', train: 'Train style' }[state.tab];
  const busy = state.job && !TERMINAL.has(state.job.state);
  run.disabled = busy || (state.tab === 'train' ? !state.painting : !(state.photo && state.selected[state.tab]));
  run.title = run.disabled && !busy ? (state.tab === 'train' ? 'Choose a painting first' : 'Choose a photo and a model first') : '';
}

$('strength').addEventListener('input', () => { $('strength-out').textContent = $('strength').value; });

function card(task, id, title, subtitle, thumbPromise, disabled) {
  const el = document.createElement('button');
  el.type = 'button';
  el.className = 'choice';
  el.dataset.model = id;
  el.disabled = !!disabled;
  el.innerHTML = '<span class="thumb"></span><span class="title"></span><span class="sub"></span>';
  el.querySelector('.title').textContent = title;
  el.querySelector('.sub').textContent = subtitle;
  if (thumbPromise) {
    thumbPromise.then((url) => {
      if (url) {
        const img = document.createElement('img');
        img.src = url;
        img.alt = '';
        el.querySelector('.thumb').append(img);
      }
    });
  } else {
    el.querySelector('.thumb').textContent = task === 'super-resolve' ? `×${subtitle.match(/\d+/)?.[0] || '?'}` : '🖌';
  }
  el.addEventListener('click', () => {
    state.selected[task] = id;
    el.parentElement.querySelectorAll('.choice').forEach((c) => c.classList.toggle('selected', c === el));
    updateRunButton();
  });
  if (state.selected[task] === id) {
    el.classList.add('selected');
  }
  return el;
}

async function notAvailable(promise) {
  try {
    return { value: await promise };
  } catch (e) {
    if (e instanceof ApiError && (e.code === 'NOT_FOUND' || e.status === 404 || e.status === 405)) {
      return { missing: true };
    }
    return { error: e };
  }
}

let loadGeneration = 0;

async function loadChoices() {
  const generation = ++loadGeneration;
  const [models, styles, datasets] = await Promise.all([
    notAvailable(api.models()), notAvailable(api.styles()), notAvailable(api.datasets())]);
  if (generation !== loadGeneration) {
    return; // a newer load (another key) started meanwhile: its answer is the one to show
  }
  const firstError = [models, styles, datasets].find((r) => r.error);
  if (firstError) {
    showError(firstError.error);
  }

  // A refused listing (wrong key, server trouble) keeps what is shown; the banner says why.
  if (!models.error) {
    renderModels(models);
  }
  if (!models.error && !styles.error) {
    renderStyles(models, styles);
  }
  if (!datasets.error) {
    renderDatasets(datasets);
  }
  updateRunButton();
}

function renderModels(models) {
  let sr = models.value ? models.value.filter((m) => m.task === 'super-resolve') : [];
  $('sr-models-note').textContent = '';
  if (models.missing) {
    sr = BUILTIN_SR;
    $('sr-models-note').textContent = 'This server cannot list models yet; showing the built-in upscalers.';
  } else if (models.value && sr.length === 0) {
    $('sr-models-note').textContent = 'No super-resolution models yet.';
  }
  sr.sort((a, b) => (a.scale - b.scale) || a.id.localeCompare(b.id));
  $('sr-models').replaceChildren(...sr.map((m) => card('super-resolve', m.id, m.id,
    `×${m.scale} · ${m.builtin ? 'built-in' : (m.architecture || 'trained').split(/[:,]/)[0]}`)));
}

function renderStyles(models, styles) {
  // Styles: built-in ones first with their preview (the style applied to a sample picture), then trained
  // ones with the thumbnail of their painting, then stylize models without a style entry (imported ones).
  const cards = [];
  const styleModels = new Set();
  const all = styles.value || [];
  const ordered = [...all.filter((s) => s.builtin), ...all.filter((s) => !s.builtin)];
  for (const s of ordered) {
    if (s.modelId) {
      styleModels.add(s.modelId);
    }
    const ready = s.state === 'READY' && s.modelId;
    const imagePath = s.builtin ? s.previewUrl : s.thumbnailUrl;
    const thumb = imagePath ? api.imageUrl(imagePath).catch(() => null) : null;
    const subtitle = s.builtin ? ['built-in', s.artist].filter(Boolean).join(' · ')
      : s.state === 'READY' ? 'ready' : s.state.toLowerCase();
    const el = card('stylize', s.modelId || s.id, s.name, subtitle, thumb, !ready);
    if (s.builtin) {
      el.classList.add('builtin');
      el.title = [s.painting, s.artist, s.licence && `model licence: ${s.licence}`].filter(Boolean).join(' — ');
    }
    cards.push(el);
  }
  for (const m of (models.value || []).filter((x) => x.task === 'stylize' && !styleModels.has(x.id))) {
    cards.push(card('stylize', m.id, m.id, m.builtin ? 'built-in' : 'imported model', null));
  }
  $('style-gallery').replaceChildren(...cards);
  $('style-gallery-note').textContent = cards.length > 0 ? ''
    : styles.missing ? 'This server has no style gallery yet.'
      : 'No styles yet: train one from a painting in “Train a new style”.';
}

function renderDatasets(datasets) {
  // Datasets for training.
  const select = $('dataset');
  const names = (datasets.value || []).map((d) => d.name);
  select.replaceChildren(...names.map((n) => {
    const o = document.createElement('option');
    o.value = n;
    const d = datasets.value.find((x) => x.name === n);
    o.textContent = d.imageCount != null ? `${n} (${d.imageCount} images)` : n;
    return o;
  }));
  if (names.length === 0) {
    const o = document.createElement('option');
    o.value = '';
    o.textContent = datasets.missing ? 'dataset listing not available' : 'no datasets: upload one with the CLI';
    select.append(o);
  }
}

// ---- submit ----
$('run').addEventListener('click', async () => {
  clearError();
  const run = $('run');
  run.disabled = true;
  try {
    let view;
    if (state.tab === 'train') {
      const form = new FormData($('train-form'));
      for (const [k, v] of [...form.entries()]) {
        if (typeof v === 'string' && v.trim() === '') {
          form.delete(k); // left empty: the server's default
        }
      }
      view = await api.submitStyle(form);
    } else {
      const form = new FormData();
      form.append('image', state.photo, state.photo.name);
      form.append('task', state.tab);
      form.append('model', state.selected[state.tab]);
      form.append('format', $('format').value);
      if ($('precision').value !== 'auto') {
        form.append('precision', $('precision').value);
      }
      if (state.tab === 'stylize') {
        if ($('strength').value !== '1') {
          form.append('strength', $('strength').value);
        }
        if ($('preserve-color').checked) {
          form.append('preserveColor', 'true');
        }
      }
      view = await api.submitJob(form);
    }
    startFollowing(view);
  } catch (e) {
    showError(e);
  } finally {
    updateRunButton();
  }
});

$('cancel').addEventListener('click', async () => {
  if (!state.job) {
    return;
  }
  try {
    await api.cancel(state.job.id);
  } catch (e) {
    showError(e);
  }
});

// ---- step 3: follow a job ----
function startFollowing(view) {
  if (state.follow) {
    state.follow.abort();
  }
  state.urls.forEach((u) => URL.revokeObjectURL(u));
  state.urls = [];
  state.previewStep = -1;
  state.job = null;
  plot.reset();
  $('step-result').hidden = true;
  $('step-progress').hidden = false;
  const training = view.kind === 'TRAIN';
  $('training-view').hidden = !training;
  $('preview-image').hidden = true;
  $('preview-caption').textContent = 'The latest preview appears here.';
  $('progress-text').textContent = '';
  setBar(null);
  renderJob(view);
  $('step-progress').scrollIntoView({ block: 'start', behavior: 'smooth' });
  const controller = new AbortController();
  state.follow = controller;
  follow(view.id, controller.signal).catch((e) => {
    if (!controller.signal.aborted) {
      showError(e);
    }
  });
}

/** Live events while the server streams them; polling if it has no event stream. */
async function follow(id, signal) {
  for (let attempt = 0; !signal.aborted; attempt++) {
    let response;
    try {
      response = await api.request(`/v1/jobs/${encodeURIComponent(id)}/events`,
        { headers: { Accept: 'text/event-stream' }, signal });
    } catch (e) {
      if (signal.aborted) {
        return;
      }
      if (e instanceof ApiError && (e.code === 'NOT_FOUND' || e.status === 405)) {
        return poll(id, signal);
      }
      throw e;
    }
    await readEventStream(response, (type, data) => {
      if (signal.aborted) {
        return;
      }
      const value = JSON.parse(data);
      if (type === 'state') {
        renderJob(value);
      } else if (type === 'progress') {
        renderProgress(value);
      }
    }, signal).catch((e) => {
      if (!signal.aborted && attempt >= 3) {
        throw e;
      }
    });
    if (signal.aborted || (state.job && TERMINAL.has(state.job.state))) {
      return;
    }
    // The stream ended early (a proxy or a restart): take the current state and listen again.
    renderJob(await api.job(id));
    if (TERMINAL.has(state.job.state)) {
      return;
    }
    await delay(POLL_MS * Math.min(attempt + 1, 10), signal);
  }
}

async function poll(id, signal) {
  while (!signal.aborted) {
    const view = await api.job(id);
    if (signal.aborted) {
      return;
    }
    renderJob(view);
    if (TERMINAL.has(view.state)) {
      return;
    }
    await delay(POLL_MS, signal);
  }
}

function delay(ms, signal) {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}

function renderJob(view) {
  const wasTerminal = state.job && state.job.id === view.id && TERMINAL.has(state.job.state);
  if (wasTerminal) {
    return; // an outcome is final
  }
  state.job = view;
  const badge = $('job-state');
  badge.textContent = view.state;
  badge.dataset.state = view.state;
  $('job-id').textContent = view.kind === 'TRAIN'
    ? `Training style ${view.style?.name ?? view.model ?? ''} on ${view.style?.dataset ?? '?'} · job ${view.id}`
    : `${view.task} · ${view.model} · job ${view.id}`;
  if (view.lossHistory) {
    plot.setHistory(view.lossHistory);
  }
  if (view.progress) {
    renderProgress(view.progress);
  } else if (view.state === 'QUEUED') {
    $('progress-text').textContent = 'Waiting for a worker…';
  } else if (view.state === 'RUNNING' && view.kind !== 'TRAIN') {
    $('progress-text').textContent = 'Running…';
  }
  $('cancel').hidden = TERMINAL.has(view.state);
  if (view.state === 'SUCCEEDED') {
    setBar(1);
    onSucceeded(view);
  } else if (view.state === 'FAILED') {
    setBar(null, 'failed');
    $('progress-text').textContent = view.error ? `${view.error.code}: ${view.error.message}` : 'Failed.';
    showError(view.error || { code: 'FAILED', message: 'The job failed.' });
  } else if (view.state === 'CANCELLED') {
    setBar(null, 'cancelled');
    $('progress-text').textContent = 'Cancelled.';
  }
  updateRunButton();
}

function renderProgress(p) {
  if (!p) {
    return;
  }
  const parts = [];
  if (p.step != null && p.totalSteps) {
    setBar(p.step / p.totalSteps);
    parts.push(`step ${p.step.toLocaleString()} / ${p.totalSteps.toLocaleString()}`);
  }
  if (p.stepsPerSecond) {
    parts.push(`${p.stepsPerSecond.toFixed(2)} steps/s`);
  }
  if (p.etaSeconds != null) {
    parts.push(`about ${formatDuration(p.etaSeconds)} left`);
  }
  if (p.losses && p.losses.total != null) {
    parts.push(`loss ${formatLoss(p.losses.total)}`);
  }
  if (parts.length) {
    $('progress-text').textContent = parts.join(' · ');
  }
  plot.add(p.step, p.losses);
  if (p.previewUrl && p.step !== state.previewStep && !state.previewLoading) {
    loadPreview(p.previewUrl, p.step);
  }
}

async function loadPreview(url, step) {
  state.previewLoading = true;
  try {
    const u = await api.imageUrl(url);
    state.urls.push(u);
    const img = $('preview-image');
    img.src = u;
    img.hidden = false;
    $('preview-caption').textContent = `Preview at step ${step?.toLocaleString() ?? '?'}`;
    state.previewStep = step;
  } catch (e) {
    // a preview is a nicety: the next progress event tries again
  } finally {
    state.previewLoading = false;
  }
}

function setBar(fraction, mode) {
  const bar = $('progress-bar');
  bar.parentElement.classList.toggle('indeterminate', fraction == null && !mode);
  bar.parentElement.dataset.mode = mode || '';
  bar.style.width = fraction == null ? (mode ? '100%' : '30%') : `${Math.round(Math.min(1, fraction) * 1000) / 10}%`;
}

// ---- step 4: the result ----
async function onSucceeded(view) {
  $('progress-text').textContent = view.kind === 'TRAIN' ? 'Training finished.' : 'Done.';
  if (view.kind !== 'TRAIN' && !state.photoUrl) {
    state.photoUrl = ''; // followed from a link: the input is not in this page, show the result alone
  }
  if (view.kind === 'TRAIN') {
    const modelId = view.result && view.result.modelId;
    $('progress-text').textContent = `Training finished: model ${modelId}. It is now in the style gallery.`;
    await loadChoices();
    if (modelId) {
      state.selected.stylize = modelId;
      selectTab('stylize');
      await loadChoices();
    }
    return;
  }
  try {
    const resultUrl = await api.imageUrl(view.result.url);
    state.urls.push(resultUrl);
    compare.show(state.photoUrl, resultUrl);
    const r = view.result;
    $('result-info').textContent = `${r.width} × ${r.height} px · ${r.contentType} · ${view.model}`
      + (r.precision ? ` · ${r.precision.used}` : '');
    $('result-info').title = r.precision ? r.precision.reason : '';
    const dl = $('download');
    dl.href = resultUrl;
    const ext = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' }[r.contentType] || 'img';
    const base = state.photo ? state.photo.name.replace(/\.[^.]*$/, '') : view.id;
    dl.download = `${base}-${view.model}.${ext}`;
    $('step-result').hidden = false;
    $('step-result').scrollIntoView({ block: 'start', behavior: 'smooth' });
  } catch (e) {
    showError(e);
  }
}

// ---- helpers ----
function formatBytes(n) {
  return n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`;
}
function formatDuration(s) {
  s = Math.round(s);
  if (s < 60) {
    return `${s} s`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ${s % 60} s`;
  }
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

// #job=<id> follows a job started elsewhere (the CLI, another tab).
async function followFromHash() {
  const m = location.hash.match(/^#job=([0-9a-f]{32})$/);
  if (m) {
    try {
      startFollowing(await api.job(m[1]));
    } catch (e) {
      showError(e);
    }
  }
}
window.addEventListener('hashchange', followFromHash);

selectTab('stylize');
loadChoices();
followFromHash();
