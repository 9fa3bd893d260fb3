export { fsyncDir, writeFileDurable } from './fs-sync.js';
export { committedDir, recoverAtomicDir, replaceDirAtomic } from './atomic-dir.js';
export {
  loadLayersModelFromDir,
  MODEL_JSON,
  readModelArtifacts,
  saveModelToDir,
  saveWeightsToDir,
  WEIGHTS_BIN,
  WEIGHTS_ONLY_FORMAT,
} from './model-dir.js';
export { ensureDir } from './ensure-dir.js';
export { canonicalJson } from './canonical-json.js';
