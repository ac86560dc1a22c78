// The training losses per term (paper eq. 2-5: content = feature reconstruction, style = Gram-matrix
// distance, tv = total variation, pixel = per-pixel loss for super-resolution) against the step, drawn on
// a <canvas>. Terms differ by orders of magnitude, so the y axis is logarithmic.

export const TERMS = [
  { key: 'total', label: 'total', color: '#e8e6e3' },
  { key: 'content', label: 'content', color: '#4fa3ff' },
  { key: 'style', label: 'style', color: '#ff7a59' },
  { key: 'tv', label: 'tv', color: '#b58cff' },
  { key: 'pixel', label: 'pixel', color: '#3ccf91' },
];

export class LossPlot {
  /** @param {HTMLCanvasElement} canvas */
  constructor(canvas) {
    this.canvas = canvas;
    this.points = []; // [{step, losses}]
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  reset() {
    this.points = [];
    this.draw();
  }

  /** Replaces the history (from a JobView's lossHistory). */
  setHistory(history) {
    this.points = (history || []).filter((p) => p && p.losses).map((p) => ({ step: p.step, losses: p.losses }));
    this.draw();
  }

  /** Adds one point (from a progress event); a repeated step replaces the earlier one. */
  add(step, losses) {
    if (!losses || step == null) {
      return;
    }
    const last = this.points[this.points.length - 1];
    if (last && last.step === step) {
      last.losses = losses;
    } else if (!last || step > last.step) {
      this.points.push({ step, losses });
    }
    this.draw();
  }

  terms() {
    return TERMS.filter((t) => this.points.some((p) => isPositive(p.losses[t.key])));
  }

  draw() {
    const c = this.canvas;
    c.dataset.points = String(this.points.length); // for tests and curious readers of the DOM
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth;
    const h = c.clientHeight;
    if (w === 0 || h === 0) {
      return;
    }
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
    const g = c.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    g.font = '11px system-ui, sans-serif';
    const pad = { l: 52, r: 12, t: 28, b: 26 };
    const pw = w - pad.l - pad.r;
    const ph = h - pad.t - pad.b;
    const terms = this.terms();
    if (terms.length === 0) {
      g.fillStyle = '#8b93a1';
      g.textAlign = 'center';
      g.fillText('Losses appear here once training reports its first step.', w / 2, h / 2);
      return;
    }
    const steps = this.points.map((p) => p.step);
    const x0 = Math.min(...steps);
    const x1 = Math.max(x0 + 1, ...steps);
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of this.points) {
      for (const t of terms) {
        const v = p.losses[t.key];
        if (isPositive(v)) {
          lo = Math.min(lo, Math.log10(v));
          hi = Math.max(hi, Math.log10(v));
        }
      }
    }
    lo = Math.floor(lo);
    hi = Math.max(lo + 1, Math.ceil(hi));
    const sx = (s) => pad.l + ((s - x0) / (x1 - x0)) * pw;
    const sy = (v) => pad.t + (1 - (Math.log10(v) - lo) / (hi - lo)) * ph;

    // Grid: one line per decade, labelled 1e-2, 1e3 ...
    g.strokeStyle = '#2a303b';
    g.fillStyle = '#8b93a1';
    g.lineWidth = 1;
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    for (let d = lo; d <= hi; d++) {
      const y = sy(10 ** d);
      g.beginPath();
      g.moveTo(pad.l, y);
      g.lineTo(pad.l + pw, y);
      g.stroke();
      g.fillText(`1e${d}`, pad.l - 6, y);
    }
    g.textAlign = 'center';
    g.textBaseline = 'top';
    for (const s of niceTicks(x0, x1, 5)) {
      g.fillText(String(s), sx(s), pad.t + ph + 8);
    }
    g.textAlign = 'right';
    g.fillText('step', pad.l + pw, pad.t + ph + 8 + 0);

    for (const t of terms) {
      g.strokeStyle = t.color;
      g.lineWidth = t.key === 'total' ? 2 : 1.5;
      g.beginPath();
      let started = false;
      for (const p of this.points) {
        const v = p.losses[t.key];
        if (!isPositive(v)) {
          continue;
        }
        const x = sx(p.step);
        const y = sy(v);
        if (started) {
          g.lineTo(x, y);
        } else {
          g.moveTo(x, y);
          started = true;
        }
      }
      if (this.points.length === 1) {
        g.arc(sx(this.points[0].step), sy(this.points[0].losses[t.key]), 2, 0, 2 * Math.PI);
      }
      g.stroke();
    }

    // Legend with the latest value of each term.
    const last = this.points[this.points.length - 1].losses;
    let lx = pad.l;
    g.textAlign = 'left';
    g.textBaseline = 'middle';
    for (const t of terms) {
      const text = `${t.label} ${isPositive(last[t.key]) ? formatLoss(last[t.key]) : '–'}`;
      g.fillStyle = t.color;
      g.fillRect(lx, 10, 10, 3);
      g.fillStyle = '#cfd5de';
      g.fillText(text, lx + 14, 12);
      lx += 22 + g.measureText(text).width;
    }
  }
}

function isPositive(v) {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

export function formatLoss(v) {
  if (v === 0) {
    return '0';
  }
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-2 ? v.toExponential(2) : v.toPrecision(3);
}

function niceTicks(a, b, n) {
  const span = b - a;
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
  const ticks = [];
  for (let s = Math.ceil(a / step) * step; s <= b + 1e-9; s += step) {
    ticks.push(Math.round(s));
  }
  return ticks;
}
