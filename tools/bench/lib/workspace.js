'use strict';
/**
 * The synthetic workspace: a fresh Nx workspace in a temp folder with the built plugin installed
 * from its packed tarball (as a user installs it), N modules, and in each module M use-cases,
 * each with the code the feature generator writes and a complete, approved plan.
 *
 * Why npm install rather than a symlink to this repository's node_modules: the built plugin in
 * dist/ would resolve its dependencies from the repository root, where `yaml` is 1.10.3 (hoisted
 * for @nx/js), not the 2.8.1 the plugin declares; and without a lock file Nx cannot hash the
 * target's `externalDependencies: ['@mjomeet/plan']` input. A `--prefer-offline` install from
 * npm's cache takes 15–30 s.
 */
const {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} = require('node:fs');
const { dirname, join, relative } = require('node:path');
const { childEnv, run } = require('./measure');

const REPO = join(__dirname, '..', '..', '..');
const NX_VERSION = '23.2.1';

/**
 * What the temp workspace installs. Besides nx and the plugin: what the feature generator adds
 * to a workspace that lacks it, and what `@nx/js:library` (jest, tsc) adds, so that no timed
 * generator run starts an `npm install`.
 */
function packageJson(planTarball, dddTarball, baselineTarball) {
  return {
    name: 'plan-bench',
    version: '0.0.0',
    private: true,
    license: 'UNLICENSED',
    dependencies: { '@mjomeet/ddd': `file:${dddTarball}` },
    devDependencies: {
      '@mjomeet/plan': `file:${planTarball}`,
      ...(baselineTarball ? { [BASELINE_PACKAGE]: `file:${baselineTarball}` } : {}),
      nx: NX_VERSION,
      '@nx/devkit': NX_VERSION,
      '@nx/js': NX_VERSION,
      '@nx/jest': NX_VERSION,
      '@swc/core': '1.15.8',
      '@swc/helpers': '~0.5.18',
      '@swc/jest': '0.2.39',
      '@types/jest': '30.0.0',
      '@types/node': '20.19.25',
      jest: '30.2.0',
      'jest-environment-node': '~30.3.0',
      'jest-util': '~30.3.0',
      prettier: '3.6.2',
      'ts-jest': '^29.4.7',
      'ts-node': '10.9.1',
      tslib: '2.8.1',
      typescript: '5.9.3',
    },
  };
}

/**
 * The baseline build (`--baseline-dir`) is installed beside the plugin under this name; the
 * variant measured is the one `node_modules/@mjomeet/plan` links to (see useVariant).
 */
const BASELINE_PACKAGE = '@mjomeet/plan-baseline';
const VARIANT_DIRS = { plugin: '.plan-current', baseline: '.plan-baseline' };

/**
 * The name nx.json registers a build under, as its init writes it: its plugin entry
 * (`@mjomeet/plan/plugin`) when the package has one, else the package.
 */
function pluginEntryOf(packageDir) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf-8'));
  return manifest.exports?.['./plugin'] ? '@mjomeet/plan/plugin' : '@mjomeet/plan';
}

/** nx.json as `nx g @mjomeet/plan:init` leaves it; other `plugins` for the graph's baselines. */
function nxJson(plugins = ['@mjomeet/plan/plugin']) {
  return {
    $schema: './node_modules/nx/schemas/nx-schema.json',
    analytics: false,
    neverConnectToCloud: true,
    plugins,
    targetDefaults: {
      build: { dependsOn: ['verify-plan'] },
      test: { dependsOn: ['verify-plan'] },
      typecheck: { dependsOn: ['verify-plan'] },
      lint: { dependsOn: ['verify-plan'] },
    },
  };
}

/** The `nx` bin of the Nx installed in `root`'s node_modules. */
function nxBin(root) {
  const dir = join(root, 'node_modules/nx');
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf-8'));
  return join(dir, typeof bin === 'string' ? bin : bin.nx);
}

function writeJson(file, data) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** Builds ddd (and plan, unless another build is benched) with the repository's Nx. */
function buildPackages(log, { plan = true } = {}) {
  const projects = plan ? ['plan', 'ddd'] : ['ddd'];
  const result = run(
    process.execPath,
    [nxBin(REPO), 'run-many', '-t', 'build', '-p', ...projects, '--outputStyle=static'],
    { cwd: REPO, label: `nx run-many -t build -p ${projects.join(' ')}` },
  );
  log(`built ${projects.join(' and ')} in ${(result.ms / 1000).toFixed(1)} s`);
}

/** `npm pack` of a built package into `destination`; returns the tarball's path. */
function pack(packageDir, destination) {
  const { stdout } = run('npm', ['pack', '--pack-destination', destination, '--json'], {
    cwd: packageDir,
    env: npmEnv(),
    label: `npm pack ${packageDir}`,
  });
  const [{ filename }] = JSON.parse(stdout);
  return join(destination, filename);
}

/**
 * npm's env without what `npm run bench` exported about this repository (its prefix and
 * package), so that the child npm works in the temp workspace as if started there.
 */
function npmEnv() {
  const env = childEnv();
  for (const key of Object.keys(env)) {
    if (/^npm_(package|lifecycle|config_(local_prefix|prefix|global))/i.test(key)) delete env[key];
  }
  return env;
}

/**
 * Creates the workspace: package.json, nx.json, tsconfig, an `npm install`. With a baseline
 * build, both are installed, each in a folder of its own, and `node_modules/@mjomeet/plan` is a
 * link to the one measured (useVariant): Nx, the executor and the model all load that one.
 */
function createWorkspace(root, log, pluginDir = join(REPO, 'dist/packages/plan'), baselineDir) {
  const packs = join(root, '.packs');
  mkdirSync(packs, { recursive: true });
  const planTarball = pack(pluginDir, packs);
  const dddTarball = pack(join(REPO, 'dist/packages/ddd'), packs);
  const baselinePacks = join(packs, 'baseline');
  mkdirSync(baselinePacks, { recursive: true });
  const baselineTarball = baselineDir ? pack(baselineDir, baselinePacks) : undefined;
  writeJson(join(root, 'package.json'), packageJson(planTarball, dddTarball, baselineTarball));
  writeJson(join(root, 'nx.json'), nxJson([pluginEntryOf(pluginDir)]));
  writeJson(join(root, 'tsconfig.base.json'), {
    compileOnSave: false,
    compilerOptions: {
      rootDir: '.',
      moduleResolution: 'node',
      module: 'commonjs',
      target: 'es2022',
      lib: ['es2022'],
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      baseUrl: '.',
      paths: {},
    },
    exclude: ['node_modules', 'tmp'],
  });
  writeFileSync(join(root, '.gitignore'), 'node_modules\n/.nx\n/.packs\n');
  const install = run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: root, env: npmEnv(), label: 'npm install (temp workspace)' },
  );
  log(`npm install --prefer-offline in ${(install.ms / 1000).toFixed(1)} s`);
  const scope = join(root, 'node_modules/@mjomeet');
  renameSync(join(scope, 'plan'), join(scope, VARIANT_DIRS.plugin));
  if (baselineTarball) renameSync(join(scope, 'plan-baseline'), join(scope, VARIANT_DIRS.baseline));
  useVariant(root, 'plugin');
}

/** The folder of an installed variant (`plugin` or `baseline`). */
function variantDir(root, variant) {
  return join(root, 'node_modules/@mjomeet', VARIANT_DIRS[variant]);
}

/**
 * Makes `variant` the installed @mjomeet/plan, and registers it in nx.json as its init would.
 * Returns whether anything changed (then Nx computes the project graph again).
 */
let currentVariant;
function useVariant(root, variant, plugins) {
  const link = join(root, 'node_modules/@mjomeet/plan');
  const changed = currentVariant !== variant;
  if (changed) {
    rmSync(link, { force: true });
    symlinkSync(VARIANT_DIRS[variant], link, 'dir');
    currentVariant = variant;
  }
  const file = join(root, 'nx.json');
  const current = existsSync(file) ? JSON.parse(readFileSync(file, 'utf-8')) : nxJson();
  // Only the plugin measured changes: what the workspace set up besides (the @nx/jest/plugin
  // entry and its test targets' report, which the feature generator added) stays as it is.
  const others = (current.plugins ?? []).filter((entry) => !isMeasuredPlugin(entry));
  const wanted = {
    ...current,
    plugins: [...(plugins ?? [pluginEntryOf(variantDir(root, variant))]), ...others],
  };
  const text = `${JSON.stringify(wanted, null, 2)}\n`;
  if (!existsSync(file) || readFileSync(file, 'utf-8') !== text) {
    writeFileSync(file, text);
    return true;
  }
  return changed;
}

/** Our plugin under either name, or the graph section's empty plugin (the only one it adds). */
function isMeasuredPlugin(entry) {
  const name = typeof entry === 'string' ? entry : entry.plugin;
  return name.startsWith('@mjomeet/plan') || name === 'bench-empty-nx-plugin';
}

/** Runs the workspace's own Nx CLI. */
function nx(root, args, options = {}) {
  return run(process.execPath, [nxBin(root), ...args], {
    cwd: root,
    label: `nx ${args.join(' ')}`,
    ...options,
  });
}

/** Every file under a folder, relative to it, `/`-separated. */
function listFiles(dir) {
  const files = [];
  const visit = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path);
      else files.push(relative(dir, path).split('\\').join('/'));
    }
  };
  visit(dir);
  return files.sort();
}

/**
 * The template: what `nx g @mjomeet/plan:feature --module=zeta --useCase=BookRoom
 * --valueObjects=RoomName` writes (the code the complete fixture plan traces), read back and
 * removed from the workspace.
 */
function captureTemplate(root) {
  nx(root, [
    'g',
    '@mjomeet/plan:feature',
    '--module=zeta',
    '--useCase=BookRoom',
    '--valueObjects=RoomName',
    '--no-interactive',
  ]);
  const moduleDir = join(root, 'packages/zeta');
  const moduleFiles = {};
  const useCaseFiles = {};
  for (const file of listFiles(moduleDir)) {
    const content = readFileSync(join(moduleDir, file), 'utf-8');
    if (file.startsWith('src/') && file !== 'src/index.ts') useCaseFiles[file] = content;
    else moduleFiles[file] = content;
  }
  const barrel = moduleFiles['src/index.ts'];
  delete moduleFiles['src/index.ts'];
  rmSync(moduleDir, { recursive: true, force: true });
  rmSync(join(root, 'docs'), { recursive: true, force: true });
  rmSync(join(root, '.nx'), { recursive: true, force: true });
  const plan = readFileSync(
    join(REPO, 'packages/plan/src/plan/__fixtures__/complete-BookRoom-plan.md'),
    'utf-8',
  );
  return { moduleFiles, useCaseFiles, barrel, plan };
}

/*
 * Names. The template's names (module `zeta`, verb `Book`, noun `Room`) are replaced by names
 * of the same length, so the plans keep their aligned tables and 80-column lines (markdownlint
 * stays clean) and every plan differs from the others.
 */
const MODULES = (
  'zeta beta iota echo golf kilo lima mike papa alto bass jazz folk punk soul opal ruby ' +
  'jade onyx iris lily rose sage mint kiwi lime pear plum corn rice wolf bear hawk lynx ' +
  'mole newt orca puma seal swan moon star nova dune reef cove peak vale mesa fern'
).split(' ');
const NOUNS = (
  'Room Desk Cart Lane Dock Slot Hall Pool Yard Ring Deck Gate Boat Bike Loft Shed Cell ' +
  'Pier Kiln Oven Tent Cave Farm Mill Barn Shop Cafe Club Bank Mine Well Lamp Drum Harp ' +
  'Tool Sled Raft Cube Seat Bell'
).split(' ');
/** Four-letter verbs with regular `-ed` and `-ing` forms, like Book. */
const VERBS = 'Book Rent Lock Park Load Mark Sign Pack Link Fund Hail Lift'.split(' ');

/** The use-cases of module `m` (0-based): distinct aggregates within a module. */
function useCasesOf(m, perModule) {
  if (perModule > NOUNS.length) throw new Error(`at most ${NOUNS.length} use-cases per module`);
  return Array.from({ length: perModule }, (_, u) => ({
    noun: NOUNS[(m * 7 + u) % NOUNS.length],
    verb: VERBS[(m * 5 + u) % VERBS.length],
  }));
}

function renamer(module, verb, noun) {
  const forms = {
    Booked: `${verb}ed`,
    booked: `${verb.toLowerCase()}ed`,
    Booking: `${verb}ing`,
    booking: `${verb.toLowerCase()}ing`,
    Book: verb,
    book: verb.toLowerCase(),
    BOOK: verb.toUpperCase(),
    Room: noun,
    room: noun.toLowerCase(),
    ROOM: noun.toUpperCase(),
    zeta: module,
  };
  return (text) =>
    text.replace(
      /Booked|booked|Booking|booking|Book|book|BOOK|Room|room|ROOM|zeta/g,
      (m) => forms[m],
    );
}

/** `### \`src/….spec.ts\`` sub-sections of a plan → the code of their first ```ts block. */
function specsInPlan(plan) {
  const specs = new Map();
  for (const match of plan.matchAll(
    /^### `(src\/[^`]+\.spec\.ts)`\n[\s\S]*?^```ts\n([\s\S]*?)^```$/gm,
  )) {
    specs.set(match[1], match[2]);
  }
  return specs;
}

/**
 * Writes `modules` × `perModule` use-cases: module files, use-case code, barrel, and the plans,
 * each approved (recordApproval) so that verification finds nothing. Returns the module names
 * and the workspace-relative plan paths.
 */
function synthesize(root, template, model, { modules, perModule }) {
  if (modules > MODULES.length) throw new Error(`at most ${MODULES.length} modules`);
  const names = MODULES.slice(0, modules);
  const approvedAt = new Date(Date.now() - 24 * 3600 * 1000);
  const plans = [];
  let codeFiles = 0;
  names.forEach((module, m) => {
    const base = join(root, 'packages', module);
    const toModule = renamer(module, 'Book', 'Room');
    for (const [file, content] of Object.entries(template.moduleFiles)) {
      mkdirSync(dirname(join(base, file)), { recursive: true });
      writeFileSync(join(base, file), toModule(content));
    }
    const barrel = [];
    for (const { verb, noun } of useCasesOf(m, perModule)) {
      const rename = renamer(module, verb, noun);
      const plan = rename(template.plan);
      // The specs are the tests the plan shows (what trace/spec-drift checks): the generator's
      // skeletons, replaced by the plan's copy where it has one.
      const specs = specsInPlan(plan);
      for (const [file, content] of Object.entries(template.useCaseFiles)) {
        const path = rename(file);
        const target = join(base, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, specs.get(path) ?? rename(content));
        codeFiles++;
      }
      barrel.push(rename(template.barrel));
      const useCase = `${verb}${noun}`;
      const planFile = `docs/features/${module}/${useCase}/${useCase}-plan.md`;
      mkdirSync(dirname(join(root, planFile)), { recursive: true });
      writeFileSync(join(root, planFile), plan);
      plans.push(planFile);
    }
    writeFileSync(join(base, 'src/index.ts'), barrel.join(''));
    if (m === 0) addFloorTarget(join(base, 'project.json'));
  });
  // As a team's history has it: the author commits the plans and the code, then the reviewer
  // approves every plan and commits the approvals. verify-plan proves them from that history.
  git(root, ['init', '-q', '-b', 'main']);
  commitAll(root, 'Plans and code', BENCH_AUTHOR);
  for (const planFile of plans) {
    const path = join(root, planFile);
    const text = model.recordApproval(readFileSync(path, 'utf-8'), {
      by: BENCH_REVIEWER.name,
      email: BENCH_REVIEWER.email,
      at: approvedAt,
    });
    writeFileSync(path, text);
  }
  commitAll(root, 'Approve every plan', BENCH_REVIEWER);
  return { modules: names, plans, codeFiles };
}

const BENCH_AUTHOR = { name: 'Bench Author', email: 'bench-author@example.invalid' };
const BENCH_REVIEWER = { name: 'Bench Reviewer', email: 'bench-reviewer@example.invalid' };

/** git in the bench workspace, without the machine's global configuration. */
function git(root, args, as = BENCH_AUTHOR) {
  return run(
    'git',
    [
      '-c',
      `user.name=${as.name}`,
      '-c',
      `user.email=${as.email}`,
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd: root, label: `git ${args[0]}` },
  );
}

function commitAll(root, message, as) {
  git(root, ['add', '-A'], as);
  git(root, ['commit', '-q', '-m', message], as);
}

/**
 * The target of the first module whose executor is `nx:noop`: what `nx run` costs for one task
 * with nothing to run (Nx runs it in its own process), the floor of a single `verify-plan`.
 */
const FLOOR_TARGET = 'bench-floor';
function addFloorTarget(projectJson) {
  const project = JSON.parse(readFileSync(projectJson, 'utf-8'));
  project.targets = { ...project.targets, [FLOOR_TARGET]: { executor: 'nx:noop' } };
  writeJson(projectJson, project);
}

module.exports = {
  REPO,
  BASELINE_PACKAGE,
  FLOOR_TARGET,
  pluginEntryOf,
  useVariant,
  variantDir,
  NX_VERSION,
  buildPackages,
  createWorkspace,
  captureTemplate,
  synthesize,
  nx,
  nxJson,
  writeJson,
};
