#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: builds a synthetic workspace in a temp folder and prints, as a table, the
 * medians of several runs and ratios measured in the same run:
 *
 *   1. verification throughput: the plan model (in-process and as a process), `nx run-many -t
 *      verify-plan` (batched, and without batching), markdownlint-cli2 and `cat` on the same
 *      plans; peak RSS of the model;
 *   2. project-graph overhead: `nx show projects` with the plugin, an empty plugin, none;
 *   3. generator: `nx g @mjomeet/plan:feature` against `nx g @nx/js:library`;
 *   4. cache: a second `nx run-many -t verify-plan` is a cache hit for every task;
 *   5. one module: `nx run M:verify-plan --skip-nx-cache` against a target of M whose executor
 *      is `nx:noop`, Nx's own floor for one task;
 *   6. evidence: the plan model with and without the evidence rules (their cost), and
 *      verify-evidence on every module's report, in-process and through `nx run-many`.
 *
 * With `--baseline-dir=DIR` another build (the commit before a change) is installed beside the
 * plugin and measured in turn with it, so that "before" and "after" come from the same run.
 *
 * Targets are reported as PASS/MISS; the bench fails only when a measurement is wrong (a plan
 * that does not verify, a task that fails, a linter that did not lint every plan), never
 * because a target is missed.
 */
const {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const os = require('node:os');
const { join, resolve } = require('node:path');
const { formatMs, formatRange, gnuTime, run, summary } = require('./lib/measure');
const {
  buildPackages,
  captureTemplate,
  createWorkspace,
  FLOOR_TARGET,
  nx,
  REPO,
  synthesize,
  useVariant,
  variantDir,
  writeJson,
} = require('./lib/workspace');
const { verifyAll, verifyEvidenceAll } = require('./verify-all');

const USAGE = `Usage: node tools/bench/run.js [options]   (npm run bench -- [options])

  --quick            100 plans in 5 modules, fewer runs: checks that the bench works (~3 min)
  --sections=1,2,3,4,5,6 run only these sections (1 verification, 2 project graph, 3 generator,
                     4 cache, 5 one module, 6 evidence); default: all
  --plugin-dir=DIR   bench this built @mjomeet/plan (an older build, say) instead of building
                     packages/plan from the working tree
  --baseline-dir=DIR measure this other build too, in turn with the plugin, in the same run
                     (sections 1, 2 and 5): before and after a change
  --keep             keep the temp workspace and print its path
  --modules=N        modules (default 50, at most 50)
  --per-module=N     use-cases (plans) per module (default 20, at most 40)
`;

function parseArgs(argv) {
  const options = { quick: false, keep: false, sections: new Set(['1', '2', '3', '4', '5', '6']) };
  for (const arg of argv) {
    if (arg === '--quick') options.quick = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg.startsWith('--sections=')) options.sections = new Set(arg.slice(11).split(','));
    else if (arg.startsWith('--plugin-dir=')) options.pluginDir = resolve(arg.slice(13));
    else if (arg.startsWith('--baseline-dir=')) options.baselineDir = resolve(arg.slice(15));
    else if (arg.startsWith('--modules=')) options.modules = Number(arg.slice(10));
    else if (arg.startsWith('--per-module=')) options.perModule = Number(arg.slice(13));
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else {
      process.stderr.write(`Unknown option ${arg}\n\n${USAGE}`);
      process.exit(2);
    }
  }
  // Runs per measurement. "fast": the model, cat; markdownlint-cli2 and the nx commands take
  // seconds to a minute each, so they get fewer runs to keep the whole bench under 10 minutes.
  const runs = options.quick
    ? { fast: 3, lint: 2, nx: 1, graph: 2, generator: 1, single: 2 }
    : { fast: 5, lint: 3, nx: 3, graph: 8, generator: 3, single: 5 };
  return {
    ...options,
    modules: options.modules ?? (options.quick ? 5 : 50),
    perModule: options.perModule ?? 20,
    runs,
  };
}

const started = process.hrtime.bigint();
const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
const log = (message) => process.stderr.write(`[${formatMs(elapsed()).padStart(8)}] ${message}\n`);

function main() {
  const options = parseArgs(process.argv.slice(2));
  process.stdout.write(`${headerLines(options).join('\n')}\n\n`);

  buildPackages(log, { plan: !options.pluginDir });
  const root = mkdtempSync(join(os.tmpdir(), 'plan-bench-'));
  const cleanUp = () => {
    if (!options.keep) rmSync(root, { recursive: true, force: true });
  };
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ]) {
    process.on(signal, () => {
      cleanUp();
      process.exit(code);
    });
  }
  try {
    const rows = bench(root, options);
    process.stdout.write(`${table(rows).join('\n')}\n\n`);
    const total = elapsed();
    const full =
      !options.quick &&
      !options.baselineDir &&
      options.sections.size === 6 &&
      options.modules * options.perModule === 1000;
    const budget = full ? `; target < 10 min: ${total < 600_000 ? 'PASS' : 'MISS'}` : '';
    process.stdout.write(
      `Total run time: ${formatMs(total)} (build and set-up included; ${cpuTime()})${budget}\n`,
    );
  } finally {
    cleanUp();
    if (options.keep) process.stdout.write(`Workspace kept in ${root}\n`);
  }
}

function headerLines(options) {
  const nxPackage = join(REPO, 'node_modules/nx/package.json');
  const nxVersion = JSON.parse(readFileSync(nxPackage, 'utf-8')).version;
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const runs = options.runs;
  return [
    `# @mjomeet/plan benchmarks${options.quick ? ' (--quick)' : ''}`,
    '',
    `- Date: ${new Date().toISOString()}`,
    `- CPU cores (os.cpus().length): ${cpus.length} (${cpus[0]?.model?.trim() ?? 'unknown'}), RAM ${Math.round(os.totalmem() / 2 ** 30)} GB, load average at start ${load}`,
    `- Node ${process.version}, Nx ${nxVersion}, ${os.platform()} ${os.release()}`,
    `- Plugin: ${options.pluginDir ?? 'packages/plan built from the working tree'}${options.baselineDir ? `; baseline: ${options.baselineDir}` : ''}`,
    `- Workspace: ${options.modules * options.perModule} plans in ${options.modules} modules. Runs: ${runs.fast} (model, cat), ${runs.lint} (markdownlint-cli2), ${runs.nx} (nx run-many), ${runs.graph} (nx show projects, each way), ${runs.generator} (nx g, each), ${runs.single} (nx run, one module)`,
  ];
}

function bench(root, options) {
  createWorkspace(root, log, options.pluginDir, options.baselineDir);
  const template = captureTemplate(root);
  const variants = options.baselineDir ? ['plugin', 'baseline'] : ['plugin'];
  const modelEntry = (variant) => join(variantDir(root, variant), 'src/plan/index.js');
  const model = require(modelEntry('plugin'));
  const ws = synthesize(root, template, model, options);
  log(
    `wrote ${ws.plans.length} plans and ${ws.codeFiles} code files in ${ws.modules.length} modules`,
  );

  const rows = [];
  const results = {};
  const context = { root, ws, options, variants, modelEntry };
  if (options.sections.has('1')) results.verification = verification(context);
  if (options.sections.has('4')) results.cache = cache(root, ws);
  if (options.sections.has('5')) results.single = singleModule(context);
  if (options.sections.has('6')) results.evidence = evidence(root, ws, model, options);
  if (options.sections.has('2')) results.graph = graph(context);
  if (options.sections.has('3')) results.generator = generators(root, options);

  const section = (title) => rows.push({ section: title });
  const row = (measure, value, extra = {}) => rows.push({ measure, value, ...extra });
  const base = options.baselineDir ? ' (baseline)' : '';
  /** The baseline's measurement, and how many times the plugin is faster. */
  const baselineRow = (measure, plugin, baseline) =>
    row(`${measure}${base}`, formatMs(baseline.median), {
      spread: range(baseline),
      result: `${ratio(baseline.median / plugin.median)}× the plugin's time`,
    });

  if (results.verification) {
    const v = results.verification;
    const { A, AP, verify, B, BN, C, D, DR, lintFindings, peakRssMb, rssSource } = v.plugin;
    const plans = ws.plans.length;
    section(
      `1. Verification: ${plans} plans in ${ws.modules.length} modules (${ws.codeFiles} code files)`,
    );
    row('(a) plan model, in-process, after a warm-up', formatMs(A.median), { spread: range(A) });
    if (v.baseline) baselineRow('(a) plan model, in-process', A, v.baseline.A);
    row('(a) plan model, separate process (startup included)', formatMs(AP.median), {
      spread: range(AP),
    });
    if (v.baseline) baselineRow('(a) plan model, separate process', AP, v.baseline.AP);
    row(
      "…of which verifying, on the child's clock (the rest: start-up, loading)",
      formatMs(verify.median),
      { spread: range(verify) },
    );
    row(
      '(b) `nx run-many -t verify-plan --skip-nx-cache` (batched: one process)',
      formatMs(B.median),
      {
        spread: range(B),
      },
    );
    row('(b) the same with `--batch=false` (one process per module)', formatMs(BN.median), {
      spread: range(BN),
      result: `for information: ${ratio(BN.median / B.median)}× batched`,
    });
    if (v.baseline)
      baselineRow('(b) `nx run-many -t verify-plan --skip-nx-cache`', B, v.baseline.B);
    row(`(c) \`markdownlint-cli2\`, default rules (${lintFindings} findings)`, formatMs(C.median), {
      spread: range(C),
    });
    row('(d) `cat` the plans > /dev/null (the floor)', formatMs(D.median), { spread: range(D) });
    row(
      "(d') `find … -exec cat` of every file (a) reads: the plans and the modules' `src/**/*.ts`",
      formatMs(DR.median),
      { spread: range(DR) },
    );
    row('(b)/(c)', ratio(B.median / C.median), target(B.median / C.median <= 0.25, '≤ 0.25'));
    if (v.baseline)
      row(`(b)/(c)${base}`, ratio(v.baseline.B.median / C.median), { result: 'for information' });
    row(
      '(a)/(c), separate process',
      ratio(AP.median / C.median),
      target(AP.median / C.median <= 1, '≤ 1.0'),
    );
    row(
      '(a)/(d), separate process',
      ratio(AP.median / D.median),
      target(AP.median / D.median <= 20, '≤ 20 (long-term ≤ 5)'),
    );
    if (v.baseline)
      row(`(a)/(d), separate process${base}`, ratio(v.baseline.AP.median / D.median), {
        result: 'for information',
      });
    row('(a)/(d), in-process', ratio(A.median / D.median), { result: 'for information' });
    row("(a)/(d'), separate process", ratio(AP.median / DR.median), {
      result: 'for information: against the reading of everything (a) reads',
    });
    row('(a) plans per second, in-process', perSecond(plans, A.median));
    row('(a) plans per second, separate process', perSecond(plans, AP.median));
    row(
      `(a) peak RSS, separate process (${rssSource})`,
      `${peakRssMb.toFixed(0)} MB`,
      target(peakRssMb < 300, '< 300 MB'),
    );
    if (v.baseline)
      row(`(a) peak RSS, separate process${base}`, `${v.baseline.peakRssMb.toFixed(0)} MB`, {
        result: 'for information',
      });
  }
  if (results.evidence) {
    const { on, off, E, EN, cited, plans } = results.evidence;
    section(
      `6. Evidence: ${cited} cited tests in ${plans} plans, checked before (verify-plan) and after the tests (verify-evidence)`,
    );
    row('(a) plan model with the evidence rules, in-process', formatMs(on.median), {
      spread: range(on),
    });
    row('(a) plan model without them (evidence/* off), in-process', formatMs(off.median), {
      spread: range(off),
    });
    row(
      'the evidence rules: with / without',
      ratio(on.median / off.median),
      target(on.median / off.median <= 1.5, '≤ 1.5'),
    );
    row('(e) verify-evidence on every module, in-process', formatMs(E.median), {
      spread: range(E),
    });
    row(
      '(f) `nx run-many -t verify-evidence --exclude-task-dependencies --skip-nx-cache`',
      formatMs(EN.median),
      { spread: range(EN) },
    );
  }
  if (results.graph) {
    const { wall, cpu } = results.graph;
    section('2. Project graph: `nx show projects`, no daemon, `.nx/workspace-data` cleared');
    const cpuNote = (s) => (s ? { result: `CPU ${formatMs(s.median)}` } : {});
    row('with the plugin', formatMs(wall.plugin.median), {
      spread: range(wall.plugin),
      ...cpuNote(cpu.plugin),
    });
    if (wall.baseline)
      row(`with the baseline instead${base}`, formatMs(wall.baseline.median), {
        spread: range(wall.baseline),
        ...cpuNote(cpu.baseline),
      });
    row('with an empty plugin instead (control)', formatMs(wall.empty.median), {
      spread: range(wall.empty),
      ...cpuNote(cpu.empty),
    });
    row("without it (the workspace's other plugins only)", formatMs(wall.none.median), {
      spread: range(wall.none),
      ...cpuNote(cpu.none),
    });
    const overEmpty = wall.plugin.median / wall.empty.median - 1;
    row(
      'overhead of the plugin over the empty plugin (wall)',
      percent(overEmpty),
      target(overEmpty <= 0.05, '≤ 5 %'),
    );
    if (cpu.plugin && cpu.empty)
      row(
        'overhead of the plugin over the empty plugin (CPU time)',
        percent(cpu.plugin.median / cpu.empty.median - 1),
        { result: 'for information' },
      );
    if (wall.baseline)
      row(
        `overhead of the baseline over the empty plugin (wall)${base}`,
        percent(wall.baseline.median / wall.empty.median - 1),
        { result: 'for information' },
      );
    row(
      'overhead of the plugin over none of ours (wall)',
      percent(wall.plugin.median / wall.none.median - 1),
      {
        result: 'for information',
      },
    );
    row(
      'overhead of the empty plugin over none of ours (wall)',
      percent(wall.empty.median / wall.none.median - 1),
      { result: 'for information' },
    );
  }
  if (results.generator) {
    section('3. Generator: `nx g @mjomeet/plan:feature` vs `nx g @nx/js:library`');
    for (const mode of ['dry', 'real']) {
      const F = summary(results.generator[mode].feature);
      const L = summary(results.generator[mode].library);
      const label = mode === 'dry' ? '`--dry-run`' : 'writing';
      row(`feature, ${label}`, formatMs(F.median), { spread: range(F) });
      row(`library, ${label}`, formatMs(L.median), { spread: range(L) });
      row(
        `feature/library, ${label}`,
        ratio(F.median / L.median),
        target(F.median / L.median <= 1, '≤ 1.0'),
      );
    }
  }
  if (results.cache) {
    const { hits, allHit, output } = results.cache;
    section('4. Cache: `nx run-many -t verify-plan` a second time');
    row(
      'tasks read from the cache',
      hits ? `${hits.hit} of ${hits.of}` : 'no cache line',
      target(allHit, `all ${ws.modules.length}`),
    );
    if (!allHit) rows.push({ note: output.slice(-1500) });
  }
  if (results.single) {
    const { floor, plugin, unbatched, baseline, module } = results.single;
    section(`5. One module: \`nx run ${module}:…\`, ${ws.plans.length / ws.modules.length} plans`);
    row(
      `\`nx run ${module}:${FLOOR_TARGET}\` (executor \`nx:noop\`: Nx's floor)`,
      formatMs(floor.median),
      {
        spread: range(floor),
      },
    );
    row(`\`nx run ${module}:verify-plan --skip-nx-cache\``, formatMs(plugin.median), {
      spread: range(plugin),
    });
    row('the same with `--batch=false`', formatMs(unbatched.median), {
      spread: range(unbatched),
      result: 'for information',
    });
    if (baseline) baselineRow(`\`nx run ${module}:verify-plan --skip-nx-cache\``, plugin, baseline);
    row(
      'verify-plan / noop',
      ratio(plugin.median / floor.median),
      target(plugin.median / floor.median <= 1.3, '≤ 1.3'),
    );
    if (baseline)
      row(`verify-plan / noop${base}`, ratio(baseline.median / floor.median), {
        result: 'for information',
      });
  }
  return rows;
}

/**
 * (d'): the files the plan model reads, found as it finds them (the plans, and every `.ts` but
 * `.d.ts` under each module's `src/`, for the traceability rules), and read. (d) reads the plans
 * alone: half of the bytes, in 1/19 of the files.
 */
const CAT_WHAT_A_READS =
  "find docs/features -type f -name '*.md' -exec cat {} + && " +
  "find packages/*/src \\( -name node_modules -o -name dist -o -name coverage \\) -prune -o -type f -name '*.ts' ! -name '*.d.ts' -exec cat {} +";

/**
 * Section 1: (a) in-process and as a process, (b) nx run-many, (c) markdownlint, (d) cat. With a
 * baseline, (a) and (b) are measured for both builds in turn.
 */
function verification({ root, ws, options, variants, modelEntry }) {
  const expected = ws.plans.length;
  const checkCounts = (result, what) => {
    if (result.plans !== expected || result.findings !== 0) {
      throw new Error(
        `${what}: ${result.plans} plans and ${result.findings} findings, expected ${expected} plans and 0 findings:\n${JSON.stringify(result.sample, null, 2)}`,
      );
    }
  };
  const times = Object.fromEntries(
    variants.map((variant) => [variant, { A: [], a: [], verify: [], b: [], bn: [], rss: [] }]),
  );
  const models = Object.fromEntries(variants.map((v) => [v, require(modelEntry(v))]));

  // (a) in-process, after a warm-up, the builds in turn.
  for (const variant of variants)
    checkCounts(verifyAll(models[variant], root, ws.modules), `(a) warm-up, ${variant}`);
  for (let i = 0; i < options.runs.fast; i++) {
    for (const variant of variants) {
      const start = process.hrtime.bigint();
      const result = verifyAll(models[variant], root, ws.modules);
      times[variant].A.push(Number(process.hrtime.bigint() - start) / 1e6);
      checkCounts(result, `(a) in-process, ${variant}`);
    }
  }
  log(`(a) in-process: ${times.plugin.A.map(formatMs).join(', ')}`);

  // (a) as a process, (c) markdownlint-cli2 and (d) cat, round-robin so that a noisy moment of
  // the machine hits all three alike. The in-process runs have filled the page cache.
  const verifyScript = join(__dirname, 'verify-all.js');
  const markdownlint = join(REPO, 'node_modules/.bin/markdownlint-cli2');
  const devNull = openSync('/dev/null', 'w');
  const c = [];
  const d = [];
  const dRead = [];
  let lintFindings = -1;
  try {
    for (let i = 0; i < options.runs.fast; i++) {
      for (const variant of variants) {
        const args = [verifyScript, root, modelEntry(variant), ...ws.modules];
        const a = run(process.execPath, args, {
          cwd: root,
          label: `(a) verify-all.js, ${variant}`,
        });
        const child = JSON.parse(a.stdout.trim().split('\n').pop());
        checkCounts(child, `(a) separate process, ${variant}`);
        times[variant].rss.push(a.maxRssKb ?? child.maxRssKb);
        times[variant].a.push(a.ms);
        times[variant].verify.push(child.verifyMs);
      }
      d.push(run('cat', ws.plans, { cwd: root, stdio: ['ignore', devNull, 'pipe'] }).ms);
      dRead.push(
        run('sh', ['-c', CAT_WHAT_A_READS], { cwd: root, stdio: ['ignore', devNull, 'pipe'] }).ms,
      );
      if (i < options.runs.lint) {
        // markdownlint-cli2 exits 1 when it finds something: its summary is checked instead.
        const lint = run(markdownlint, ['docs/features/**/*.md'], { cwd: root, okStatus: [0, 1] });
        const output = `${lint.stdout}\n${lint.stderr}`;
        const files = Number(/Linting: (\d+) file/.exec(output)?.[1] ?? -1);
        if (files !== expected) {
          throw new Error(
            `markdownlint-cli2 linted ${files} files, expected ${expected}:\n${output}`,
          );
        }
        lintFindings = Number(/Summary: (\d+) error/.exec(output)?.[1] ?? -1);
        c.push(lint.ms);
      }
    }
  } finally {
    closeSync(devNull);
  }
  log(`(a) process: ${times.plugin.a.map(formatMs).join(', ')}`);
  log(
    `(c) markdownlint-cli2: ${c.map(formatMs).join(', ')}; (d) cat: ${d.map(formatMs).join(', ')}`,
  );

  // (b) nx run-many: batched as the plugin declares, without batching, and the baseline, in
  // turn; each after one untimed `nx show projects` when nx.json or the build changed, so that
  // every run finds the graph computed.
  const runMany = (extra) => {
    const result = nx(root, [
      'run-many',
      '-t',
      'verify-plan',
      '--skip-nx-cache',
      '--outputStyle=static',
      ...extra,
    ]);
    const ran = /Successfully ran target verify-plan for (\d+) projects?/.exec(result.stdout);
    if (!ran || Number(ran[1]) !== ws.modules.length) {
      throw new Error(
        `nx run-many -t verify-plan did not verify ${ws.modules.length} projects:\n${result.stdout.slice(-3000)}`,
      );
    }
    return result.ms;
  };
  const use = (variant) => {
    if (useVariant(root, variant)) nx(root, ['show', 'projects']);
  };
  use('plugin');
  nx(root, ['show', 'projects']);
  for (let i = 0; i < options.runs.nx; i++) {
    for (const variant of variants) {
      use(variant);
      times[variant].b.push(runMany([]));
      if (variant === 'plugin') times.plugin.bn.push(runMany(['--batch=false']));
    }
  }
  use('plugin');
  log(
    `(b) nx run-many: ${times.plugin.b.map(formatMs).join(', ')}; without batching: ${times.plugin.bn.map(formatMs).join(', ')}`,
  );

  const C = summary(c);
  const D = summary(d);
  const DR = summary(dRead);
  const summarise = (t) => ({
    A: summary(t.A),
    AP: summary(t.a),
    verify: summary(t.verify),
    B: summary(t.b),
    BN: t.bn.length ? summary(t.bn) : undefined,
    C,
    D,
    DR,
    lintFindings,
    peakRssMb: Math.max(...t.rss) / 1024,
    rssSource: gnuTime() ? '/usr/bin/time' : 'process.resourceUsage',
  });
  return Object.fromEntries(variants.map((variant) => [variant, summarise(times[variant])]));
}

/**
 * Section 6: what evidence costs. (a) The plan model with the evidence rules, and with the
 * static ones switched off, in turn, in-process: the rules' share of verifying the 1,000 plans.
 * (e)/(f) verify-evidence on every module, in-process and through Nx, against a report per module
 * that says every cited test passed (written here: running 18,000 jest specs is jest's time, not
 * the plugin's; `--exclude-task-dependencies` leaves the test targets out).
 */
function evidence(root, ws, model, options) {
  const cited = writeReports(root, ws);
  const off = model.resolveConfig({
    rules: Object.fromEntries(
      model.BUILT_IN_RULES.filter(
        (rule) => rule.scope === 'plan' && rule.meta.id.startsWith('evidence/'),
      ).map((rule) => [rule.meta.id, 'off']),
    ),
  });
  const expected = ws.plans.length;
  const check = (result, what) => {
    if (result.plans !== expected || result.findings !== 0) {
      throw new Error(
        `${what}: ${result.plans} plans and ${result.findings} findings, expected ${expected} plans and 0 findings:\n${JSON.stringify(result.sample, null, 2)}`,
      );
    }
  };
  check(verifyAll(model, root, ws.modules), 'evidence rules on, warm-up');
  check(verifyAll(model, root, ws.modules, off), 'evidence rules off, warm-up');
  const times = { on: [], off: [], e: [] };
  for (let i = 0; i < options.runs.fast; i++) {
    for (const [key, config] of [
      ['on', undefined],
      ['off', off],
    ]) {
      const start = process.hrtime.bigint();
      check(verifyAll(model, root, ws.modules, config), `evidence rules ${key}`);
      times[key].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const start = process.hrtime.bigint();
    const result = verifyEvidenceAll(model, root, ws.modules);
    times.e.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.findings !== 0 || result.cited !== cited) {
      throw new Error(
        `verify-evidence: ${result.cited} cited tests and ${result.findings} findings, expected ${cited} and none:\n${JSON.stringify(result.sample, null, 2)}`,
      );
    }
  }
  log(
    `evidence rules on: ${times.on.map(formatMs).join(', ')}; off: ${times.off.map(formatMs).join(', ')}`,
  );
  log(`verify-evidence in-process: ${times.e.map(formatMs).join(', ')}`);

  nx(root, ['show', 'projects']);
  const runMany = [];
  for (let i = 0; i < options.runs.nx; i++) {
    const result = nx(root, [
      'run-many',
      '-t',
      'verify-evidence',
      '--exclude-task-dependencies',
      '--skip-nx-cache',
      '--outputStyle=static',
    ]);
    const ran = /Successfully ran target verify-evidence for (\d+) projects?/.exec(result.stdout);
    if (!ran || Number(ran[1]) !== ws.modules.length) {
      throw new Error(
        `nx run-many -t verify-evidence did not check ${ws.modules.length} projects:\n${result.stdout.slice(-3000)}`,
      );
    }
    runMany.push(result.ms);
  }
  log(`(f) nx run-many -t verify-evidence: ${runMany.map(formatMs).join(', ')}`);
  return {
    on: summary(times.on),
    off: summary(times.off),
    E: summary(times.e),
    EN: summary(runMany),
    cited,
    plans: expected,
  };
}

/** Evidence links of a plan: `[full name](path)`, inline, as the fixture plan writes them. */
const EVIDENCE_LINK = /\[([^\]]*›[^\]]*)\]\(([^)\s]+\.spec\.ts)\)/g;

/**
 * A jest `--json` report per module in which every test its plans cite passed, where the test
 * target writes it. Returns the number of citations.
 */
function writeReports(root, ws) {
  let cited = 0;
  for (const module of ws.modules) {
    const files = new Map();
    for (const plan of ws.plans.filter((file) => file.startsWith(`docs/features/${module}/`))) {
      const text = readFileSync(join(root, plan), 'utf-8');
      for (const [, name, target] of text.matchAll(EVIDENCE_LINK)) {
        const file = target.startsWith('/')
          ? target.slice(1)
          : join(plan, '..', target).split('\\').join('/');
        const names = files.get(file) ?? new Set();
        names.add(name.replace(/\s+/g, ' ').trim());
        files.set(file, names);
        cited++;
      }
    }
    const testResults = [...files].map(([file, names]) => ({
      name: join(root, file),
      status: 'passed',
      message: '',
      assertionResults: [...names].map((name) => {
        const titles = name.split(' › ');
        return {
          ancestorTitles: titles.slice(0, -1),
          title: titles[titles.length - 1],
          status: 'passed',
          failureMessages: [],
        };
      }),
    }));
    writeJson(join(root, 'packages', module, 'jest-results.json'), { success: true, testResults });
  }
  log(`wrote a jest report per module: ${cited} citations`);
  return cited;
}

/**
 * Section 4: `nx run-many -t verify-plan` twice (results of --skip-nx-cache runs are not
 * stored): the second time, every task must be read from the cache.
 */
function cache(root, ws) {
  useVariant(root, 'plugin');
  const cacheLine =
    /Nx read the output from the cache instead of running the command for (\d+) out of (\d+) tasks?/;
  const [first, second] = [1, 2].map(
    () => nx(root, ['run-many', '-t', 'verify-plan', '--outputStyle=static']).stdout,
  );
  const match = cacheLine.exec(second);
  const hits = match ? { hit: Number(match[1]), of: Number(match[2]) } : undefined;
  const allHit = hits !== undefined && hits.hit === hits.of && hits.of === ws.modules.length;
  log(`cache, first run: ${cacheLine.exec(first)?.[0] ?? 'no task read from the cache'}`);
  log(`cache, second run: ${match ? match[0] : 'no task read from the cache'}`);
  return { hits, allHit, output: second };
}

/**
 * Section 5: one module's `verify-plan`, the cache skipped, against a target of the same module
 * whose executor is `nx:noop` (Nx runs it without starting a task process); in turn, after one
 * untimed `nx show projects` so that every run finds the graph computed.
 */
function singleModule({ root, ws, options, variants }) {
  const module = ws.modules[0];
  const timed = (target, extra = []) => {
    const result = nx(root, ['run', `${module}:${target}`, '--outputStyle=static', ...extra]);
    return result.ms;
  };
  const times = { floor: [], plugin: [], unbatched: [], baseline: [] };
  const use = (variant) => {
    if (useVariant(root, variant)) nx(root, ['show', 'projects']);
  };
  use('plugin');
  nx(root, ['show', 'projects']);
  timed('verify-plan', ['--skip-nx-cache']); // warm-up
  for (let i = 0; i < options.runs.single; i++) {
    use('plugin');
    times.floor.push(timed(FLOOR_TARGET));
    times.plugin.push(timed('verify-plan', ['--skip-nx-cache']));
    times.unbatched.push(timed('verify-plan', ['--skip-nx-cache', '--batch=false']));
    if (variants.includes('baseline')) {
      use('baseline');
      times.baseline.push(timed('verify-plan', ['--skip-nx-cache']));
    }
  }
  use('plugin');
  log(
    `one module: noop ${times.floor.map(formatMs).join(', ')}; verify-plan ${times.plugin.map(formatMs).join(', ')}`,
  );
  return {
    module,
    floor: summary(times.floor),
    plugin: summary(times.plugin),
    unbatched: summary(times.unbatched),
    baseline: times.baseline.length ? summary(times.baseline) : undefined,
  };
}

/**
 * Section 2: `nx show projects` with the plugin, with an empty plugin instead (the control: Nx
 * starts a worker process per plugin, whatever the plugin does), and without it (the workspace's
 * other plugins, @nx/jest/plugin here, are registered in every variant); in turn,
 * with the workspace data cache cleared before each run so that the graph is computed.
 */
const EMPTY_PLUGIN = 'bench-empty-nx-plugin';
function graph({ root, ws, options, variants }) {
  // Installed like the plugin (a package in node_modules), so that Nx resolves both alike.
  const dir = join(root, 'node_modules', EMPTY_PLUGIN);
  mkdirSync(dir, { recursive: true });
  writeJson(join(dir, 'package.json'), { name: EMPTY_PLUGIN, version: '0.0.0', main: 'index.js' });
  writeFileSync(
    join(dir, 'index.js'),
    "'use strict';\n// Infers nothing: what a plugin worker costs alone.\nexports.createNodesV2 = ['**/project.json', async () => []];\n",
  );
  const configurations = {
    plugin: () => useVariant(root, 'plugin'),
    ...(variants.includes('baseline') ? { baseline: () => useVariant(root, 'baseline') } : {}),
    empty: () => useVariant(root, 'plugin', [EMPTY_PLUGIN]),
    none: () => useVariant(root, 'plugin', []),
  };
  const names = Object.keys(configurations);
  const wall = Object.fromEntries(names.map((name) => [name, []]));
  const cpu = Object.fromEntries(names.map((name) => [name, []]));
  const showProjects = (name) => {
    configurations[name]();
    rmSync(join(root, '.nx/workspace-data'), { recursive: true, force: true });
    const result = nx(root, ['show', 'projects']);
    const count = result.stdout.trim().split('\n').filter(Boolean).length;
    if (count !== ws.modules.length) {
      throw new Error(`nx show projects listed ${count} projects:\n${result.stdout}`);
    }
    return result;
  };
  try {
    showProjects('plugin'); // warm-up
    for (let i = 0; i < options.runs.graph; i++) {
      for (const name of names) {
        const result = showProjects(name);
        wall[name].push(result.ms);
        if (result.cpuMs !== undefined) cpu[name].push(result.cpuMs);
      }
    }
  } finally {
    useVariant(root, 'plugin');
  }
  for (const name of names) {
    log(
      `nx show projects, ${name}: ${wall[name].map(formatMs).join(', ')} (CPU ${cpu[name].map(formatMs).join(', ')})`,
    );
  }
  const cpuSummary = (times) => (times.length ? summary(times) : undefined);
  return {
    wall: Object.fromEntries(names.map((name) => [name, summary(wall[name])])),
    cpu: Object.fromEntries(names.map((name) => [name, cpuSummary(cpu[name])])),
  };
}

/** Section 3: a warm-up of each generator, then fresh names each run, interleaved. */
function generators(root, options) {
  const packageJson = () => readFileSync(join(root, 'package.json'), 'utf-8');
  const feature = (name, dry) =>
    nx(root, [
      'g',
      '@mjomeet/plan:feature',
      `--module=${name}`,
      '--useCase=BookDesk',
      '--no-interactive',
      ...(dry ? ['--dry-run'] : []),
    ]);
  const library = (name, dry) =>
    nx(root, [
      'g',
      '@nx/js:library',
      `--directory=libs/${name}`,
      '--bundler=tsc',
      '--unitTestRunner=jest',
      '--linter=none',
      '--no-interactive',
      ...(dry ? ['--dry-run'] : []),
    ]);
  // The first library sets jest up in the workspace (preset, nx.json plugin): a one-off that
  // is not what a library costs. The feature generator has no such first run.
  library('lib-warmup', false);
  const before = packageJson();
  const result = { dry: { feature: [], library: [] }, real: { feature: [], library: [] } };
  for (let i = 0; i < options.runs.generator; i++) {
    for (const mode of ['dry', 'real']) {
      const dry = mode === 'dry';
      result[mode].feature.push(feature(`feature-${mode}-${i}`, dry).ms);
      result[mode].library.push(library(`lib-${mode}-${i}`, dry).ms);
    }
  }
  if (packageJson() !== before) {
    throw new Error(
      'package.json changed during the timed generator runs: an npm install was timed',
    );
  }
  for (const mode of ['dry', 'real']) {
    log(
      `nx g (${mode}): feature ${result[mode].feature.map(formatMs).join(', ')}; library ${result[mode].library.map(formatMs).join(', ')}`,
    );
  }
  return result;
}

/** CPU time of this process and of the children it waited for (Linux), to read a noisy run. */
function cpuTime() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf-8').split(') ')[1].split(' ');
    const ticks = 100; // USER_HZ
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]) / ticks);
    return `CPU time ${formatMs((utime + stime + cutime + cstime) * 1000)} on ${os.cpus().length} cores`;
  } catch {
    return 'CPU time unknown';
  }
}

function range(s) {
  return `${formatRange(s)} (${s.times.length})`;
}

function ratio(value) {
  return value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function percent(value) {
  return `${(value * 100).toFixed(1)} %`;
}

function perSecond(count, ms) {
  return Math.round(count / (ms / 1000)).toLocaleString('en-US');
}

function target(pass, text) {
  return { target: text, result: pass ? 'PASS' : 'MISS' };
}

function table(rows) {
  const lines = [
    '| Measure | Median | Min – max (runs) | Target | Result |',
    '| --- | ---: | --- | --- | --- |',
  ];
  for (const r of rows) {
    if (r.section) lines.push(`| **${r.section}** | | | | |`);
    else if (r.measure)
      lines.push(
        `| ${r.measure} | ${r.value} | ${r.spread ?? ''} | ${r.target ?? ''} | ${r.result ?? ''} |`,
      );
  }
  const notes = rows.filter((r) => r.note).map((r) => r.note);
  return notes.length ? [...lines, '', ...notes] : lines;
}

try {
  main();
} catch (error) {
  process.stderr.write(`\nbench failed: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
}
