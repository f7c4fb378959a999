'use strict';
/**
 * What a plan costs the model, part by part, in one process: each part timed over every plan of a
 * bench workspace (`npm run bench -- --keep`), CPU and wall time, the best of several rounds, per
 * plan (git runs in processes of its own: its time is in the wall time only).
 * Where the model replaced a library, both are timed side by side, in the same run.
 *
 *   node tools/bench/model-parts.js <workspace> [<plan model dir>]
 *
 * The model dir defaults to the workspace's installed @mjomeet/plan (`src/plan`); TypeScript is
 * the workspace's. Given an older build's model dir, the parts it does not have print as —.
 */
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const [workspace, modelDir = join(workspace ?? '', 'node_modules/@mjomeet/plan/src/plan')] =
  process.argv.slice(2);
if (!workspace) {
  process.stderr.write('Usage: node tools/bench/model-parts.js <workspace> [<plan model dir>]\n');
  process.exit(2);
}
const model = require(join(modelDir, 'index.js'));
const part = (file) => require(join(modelDir, file));
/** A part an older build may not have (to time the build before a change): {} then, and its rows print —. */
const optionalPart = (file) => {
  try {
    return part(file);
  } catch {
    return {};
  }
};
const { parsePlan } = part('parse-plan.js');
const { readFrontMatter, yamlFrontMatter, splitFrontMatter } = part('front-matter.js');
const { LineIndex } = part('line-index.js');
const { quickParse } = part('quick-parse.js');
const { typeScriptTestFile } = part('typescript.js');
const { quickTestFile } = optionalPart('quick-test-file.js');
const ts = require(require.resolve('typescript', { paths: [workspace] }));
const MarkdownIt = require(require.resolve('markdown-it', { paths: [modelDir] }));

const plans = [];
for (const module of readdirSync(join(workspace, 'docs/features'))) {
  for (const useCase of readdirSync(join(workspace, 'docs/features', module))) {
    const file = `docs/features/${module}/${useCase}/${useCase}-plan.md`;
    plans.push({ module, file, text: readFileSync(join(workspace, file), 'utf-8') });
  }
}
const modules = [...new Set(plans.map((plan) => plan.module))];
const parsed = plans.map((plan) => parsePlan(plan.text, plan.file));
const blocks = parsed.flatMap((plan) =>
  plan.codeBlocks.filter((block) => block.lang === 'ts').map((block) => block.code),
);
const frontMatters = plans.map(
  (plan) => splitFrontMatter(plan.text, new LineIndex(plan.text)).yaml,
);
const bodies = plans.map((plan, i) => plan.text.slice(parsed[i].bodyOffset));
const markdown = new MarkdownIt('default', { html: true }).disable([
  'normalize',
  'inline',
  'linkify',
  'replacements',
  'smartquotes',
  'text_join',
]);
// The test files the plans cite as evidence, each once (verify-plan reads each cited file once).
const testFiles = [
  ...new Set(
    parsed.flatMap((plan) =>
      plan.links.map((link) => link.target).filter((target) => /^\/.*\.spec\.ts$/.test(target)),
    ),
  ),
].map((target) => readFileSync(join(workspace, target.slice(1)), 'utf-8'));
const codes = Object.fromEntries(
  modules.map((module) => [module, model.readModuleCode(workspace, `packages/${module}`)]),
);

/**
 * CPU and wall ms per plan: the best of `rounds` rounds over every plan, after two warm-up
 * rounds. The CPU time is this process's: git's own time, in its processes, is in the wall time.
 */
function perPlan(run, rounds = 7) {
  run();
  run();
  let best = Infinity;
  let bestWall = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = process.cpuUsage();
    const wallStart = process.hrtime.bigint();
    run();
    const used = process.cpuUsage(start);
    bestWall = Math.min(bestWall, Number(process.hrtime.bigint() - wallStart) / 1e6 / plans.length);
    best = Math.min(best, (used.user + used.system) / 1000 / plans.length);
  }
  return [best, bestWall];
}

const rows = [
  [
    'read the plan file',
    () => plans.forEach((p) => readFileSync(join(workspace, p.file), 'utf-8')),
  ],
  ['front matter: the `yaml` library', () => frontMatters.forEach((y) => yamlFrontMatter(y, 2))],
  [
    'front matter: as read now (simple reader)',
    () => frontMatters.forEach((y) => readFrontMatter(y, 2)),
  ],
  ['markdown-it, block pass', () => bodies.forEach((body) => markdown.parse(body, {}))],
  [
    'parsePlan (all of the above but reading)',
    () => plans.forEach((p) => parsePlan(p.text, p.file)),
  ],
  [
    'TypeScript blocks: `ts.createSourceFile`',
    () =>
      blocks.forEach((code) =>
        ts.createSourceFile('b.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS),
      ),
  ],
  ['TypeScript blocks: quickParse', () => blocks.forEach((code) => quickParse(code, false))],
  [
    'cited test files: TypeScript (`createSourceFile` and the walk)',
    typeScriptTestFile && (() => testFiles.forEach((code) => typeScriptTestFile(code, false))),
  ],
  [
    'cited test files: as read now (quickTestFile)',
    quickTestFile && (() => testFiles.forEach(quickTestFile)),
  ],
  [
    "the plans folder's git history (its share per plan)",
    () =>
      modules.forEach((m) =>
        model.readPlansHistory({
          workspaceRoot: workspace,
          plansDir: `docs/features/${m}`,
          plans: plans.filter((p) => p.module === m).map((p) => p.file),
        }),
      ),
  ],
  [
    "the module's code, read once (its share per plan)",
    () => modules.forEach((m) => model.readModuleCode(workspace, `packages/${m}`)),
  ],
  [
    'verifyPlan (parse and every rule)',
    () =>
      plans.forEach((p) =>
        model.verifyPlan({ file: p.file, text: p.text, moduleCode: codes[p.module] }),
      ),
  ],
  [
    'verifyProjectPlans (all of it, from disk)',
    () =>
      modules.forEach((m) =>
        model.verifyProjectPlans({
          workspaceRoot: workspace,
          plansDir: `docs/features/${m}`,
          projectRoot: `packages/${m}`,
        }),
      ),
  ],
];

process.stdout.write(
  `${plans.length} plans, ${blocks.length} TypeScript blocks, ${testFiles.length} cited test files; ms per plan, best of 7 rounds\n\n| part | CPU ms per plan | wall ms per plan |\n| --- | ---: | ---: |\n`,
);
for (const [label, run] of rows) {
  if (!run) {
    process.stdout.write(`| ${label} | — | — |\n`);
    continue;
  }
  const [cpu, wall] = perPlan(run);
  process.stdout.write(`| ${label} | ${cpu.toFixed(3)} | ${wall.toFixed(3)} |\n`);
}
