export { fsyncDir, writeFileDurable } from './fs-sync.js';
export { committedDir, recoverAtomicDir, replaceDirAtomic } from './atomic-dir.js';
export { loadLayersModelFromDir, MODEL_JSON, readModelArtifacts, saveModelToDir, WEIGHTS_BIN } from './model-dir.js';
export { ensureDir } from './ensure-dir.js';
