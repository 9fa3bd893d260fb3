/** Starter files `rankbias init` writes; every line a newcomer may change is commented. */

const MODELINE_HINT =
  '# Editor help: run "npx rankbias schema > rankbias.schema.json" once (again after installing plugins).';

export const TRAIN_STARTER = `# yaml-language-server: $schema=./rankbias.schema.json
${MODELINE_HINT}
# Train it:      npx rankbias train rankbias.yaml --out runs/first
# Check it only: npx rankbias train rankbias.yaml --dry-run   (prints it with every default filled in)
# Change a value on the command line: ... train.steps=50 optimizer.lr=0.01
name: first
seed: 0                  # runs are reproducible per seed on a given backend
backend: auto            # auto | tensorflow | wasm | cpu  (npx rankbias doctor shows what is installed)

# Every section names a plugin with "use" and gives its options beside it.
# npx rankbias plugins lists the installed ones (add --json for their options).
data:
  use: gaussian-mixture  # built in; e.g. fashion-mnist or cifar10 from @rankbias/data-cifar
  classes: 4
  dim: 16
model:
  use: mlp               # built in: mlp, cnn, two-layer, deep-linear
  hidden: [64, 64]
optimizer:
  use: tfjs-adam         # built in: sgd, tfjs-adam; adam, adamw, gd from @rankbias/optim-adam-rank
  lr: 0.003
penalties: []            # e.g. [{use: depth-mirror, weight: 0.01}] with @rankbias/reg-depth-mirror
metrics: []              # e.g. [{use: effective-rank}] with @rankbias/eval
train:
  steps: 300             # optimisation steps in total
  batchSize: 64          # or "full" for full-batch gradient descent
  evalEvery: 100         # evaluate every N steps (and at the end)
`;

export const SWEEP_STARTER = `# yaml-language-server: $schema=./sweep.schema.json
# Editor help: run "npx rankbias schema --sweep > sweep.schema.json" once (again after installing plugins).
# Run it (needs @rankbias/eval): npx rankbias compare sweep.yaml --out runs/sweep
# Every grid point x variant is a group; every group runs once per seed. Re-running
# trains nothing new; an interrupted sweep finishes only the missing runs.
name: first-sweep
base:                    # a whole config, or the path of one (e.g. base: rankbias.yaml)
  data: {use: gaussian-mixture, classes: 4, dim: 16}
  model: {use: mlp, hidden: [64]}
  optimizer: {use: tfjs-adam, lr: 0.003}
  train: {steps: 200, batchSize: 64, evalEvery: 50}
grid:                    # key path -> values; the grid is their cartesian product
  optimizer.lr: [0.001, 0.003, 0.01]
  model.hidden: [[64], [64, 64]]
seeds: 3                 # seeds 0, 1, 2 (or a list: [0, 7, 42])
target:                  # how groups are ranked in the summary
  metric: test/loss
  mode: min              # min: lower is better; max: higher is better
`;

/** `rankbias init penalty` scaffolds a package with the nx generator instead of writing a file. */
export const PENALTY_STEPS = [
  'A penalty is a plugin package; scaffold one with the nx generator (from the root of an npm-workspaces repo that has @rankbias/core installed):',
  '  npx nx g @rankbias/core:penalty my-penalty      # options: --directory=packages/x --packageName=@scope/x --description="..."',
  '  npm install                                     # links the new package',
  '  cd packages/penalty-my-penalty && npx vitest run   # the closed-form test and the shared conformance suite',
  'Then implement value() in src/my-penalty.ts; see "Writing a penalty, step by step" in @rankbias/core\'s CONTRIBUTING guide.',
];
