// Input and result on top of each other in one frame: the result defines the frame's size, the input is
// stretched over it and clipped at the slider, so dragging reveals one or the other.

export class CompareSlider {
  /** @param {HTMLElement} root the .compare element (holds .compare-before, .compare-after and the range input) */
  constructor(root) {
    this.before = root.querySelector('.compare-before');
    this.after = root.querySelector('.compare-after');
    this.range = root.querySelector('input[type=range]');
    this.handle = root.querySelector('.compare-handle');
    this.tags = [...root.querySelectorAll('.tag')];
    this.range.addEventListener('input', () => this.update());
    this.update();
  }

  /** @param {string} beforeUrl the input; @param {string} afterUrl the result */
  show(beforeUrl, afterUrl) {
    // Without an input (a job followed from a link) there is nothing to compare: the result alone.
    const compare = Boolean(beforeUrl);
    for (const el of [this.before, this.handle, this.range, ...this.tags]) {
      el.hidden = !compare;
    }
    if (compare) {
      this.before.src = beforeUrl;
    }
    this.after.src = afterUrl;
    this.range.value = '50';
    this.update();
  }

  update() {
    const p = Number(this.range.value);
    // The input covers the left p percent.
    this.before.style.clipPath = `inset(0 ${100 - p}% 0 0)`;
    this.handle.style.left = `${p}%`;
  }
}
