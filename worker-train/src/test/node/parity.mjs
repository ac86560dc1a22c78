// Runs stylefleet ONNX exports in onnxruntime-node (a second runtime, next to ONNX Runtime for Java)
// and compares each output with the TensorFlow output that Java wrote next to it.
//
// Usage: node parity.mjs FIXTURE_DIR [NODE_MODULES_DIR]
//   FIXTURE_DIR      written by dev.stylefleet.train.export.NodeParityFixture: cases.json, *.onnx,
//                    *.input.bin and *.expected.bin (float32 little-endian, NCHW)
//   NODE_MODULES_DIR where `npm install --ignore-scripts onnxruntime-node` put its node_modules
//                    (default: worker-train/target/node/node_modules)
// Prints one line per case and exits 1 if any case differs by more than the tolerance.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtureDir = process.argv[2];
const modulesDir = path.resolve(process.argv[3] ?? path.join(here, '../../../target/node/node_modules'));
if (!fixtureDir) {
  console.error('usage: node parity.mjs FIXTURE_DIR [NODE_MODULES_DIR]');
  process.exit(2);
}
let ort;
try {
  ort = createRequire(path.join(modulesDir, 'resolve-from-here.js'))('onnxruntime-node');
} catch (e) {
  console.error(`onnxruntime-node not found under ${modulesDir}: ` +
    `npm install --prefix ${path.dirname(modulesDir)} --ignore-scripts onnxruntime-node (${e.message})`);
  process.exit(2);
}

function floats(file) {
  const b = readFileSync(path.join(fixtureDir, file));
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}

const spec = JSON.parse(readFileSync(path.join(fixtureDir, 'cases.json'), 'utf8'));
console.log(`onnxruntime-node ${ort.env.versions?.node ?? ''} (common ${ort.env.versions?.common ?? ''}), ` +
  `node ${process.version}, tolerance ${spec.tolerance}`);
let failed = 0;
for (const c of spec.cases) {
  const session = await ort.InferenceSession.create(path.join(fixtureDir, c.model),
    { intraOpNumThreads: 2, interOpNumThreads: 1, executionProviders: ['cpu'] });
  const input = new ort.Tensor('float32', floats(c.input), c.inputShape);
  const result = await session.run({ [session.inputNames[0]]: input });
  const out = result[session.outputNames[0]];
  const expected = floats(c.expected);
  const shapeOk = JSON.stringify(out.dims) === JSON.stringify(c.expectedShape);
  let max = 0;
  if (shapeOk) {
    for (let i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(out.data[i] - expected[i]));
    }
  }
  const ok = shapeOk && max <= spec.tolerance;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(48)} in ${JSON.stringify(c.inputShape)} out ` +
    `${JSON.stringify(out.dims)} max|diff| ${max.toExponential(2)}` + (shapeOk ? '' : ` expected shape ${JSON.stringify(c.expectedShape)}`));
  await session.release?.();
}
console.log(`${spec.cases.length - failed}/${spec.cases.length} cases within ${spec.tolerance}`);
process.exit(failed === 0 ? 0 : 1);
