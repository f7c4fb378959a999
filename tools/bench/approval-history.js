#!/usr/bin/env node
'use strict';
/**
 * What proving approvals from git history costs: a repository in a temp folder with one module
 * of P plans, each written in C content commits by an author and approved by a reviewer in its
 * own commit (P × (C + 1) commits touching the plans folder), then `verifyProjectPlans` of that
 * module with and without history, in CI mode. Prints the medians of R runs and the number of git
 * processes started.
 *
 *   node tools/bench/approval-history.js [--plans=P] [--commits=C] [--runs=R] [--model=DIR]
 *
 * The model is loaded from packages/plan/src through @swc-node/register (the repository's own
 * TypeScript loader), so that it finds the plugin's own `yaml`; --model loads another build's
 * `src/plan` folder instead, from a workspace where it is installed. KEEP=1 keeps the repository
 * and prints where it is.
 */
const childProcess = require('node:child_process');
const {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const os = require('node:os');
const { dirname, join } = require('node:path');

const REPO = join(__dirname, '..', '..');
const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key, value];
  }),
);
const PLANS = Number(args.plans ?? 50);
const COMMITS = Number(args.commits ?? 4);
const RUNS = Number(args.runs ?? 5);
if (!args.model) require('@swc-node/register');
const model = require(args.model ?? join(REPO, 'packages/plan/src/plan/index.ts'));

const AUTHOR = { name: 'Bench Author', email: 'author@example.invalid' };
const REVIEWER = { name: 'Bench Reviewer', email: 'reviewer@example.invalid' };
const root = realpathSync(mkdtempSync(join(os.tmpdir(), 'plan-approval-bench-')));
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: join(root, '.gitconfig'),
};
writeFileSync(join(root, '.gitconfig'), '');

function git(gitArgs, as = AUTHOR) {
  childProcess.execFileSync(
    'git',
    [
      '-c',
      `user.name=${as.name}`,
      '-c',
      `user.email=${as.email}`,
      '-c',
      'commit.gpgsign=false',
      ...gitArgs,
    ],
    { cwd: join(root, 'ws'), env, stdio: 'ignore' },
  );
}
function write(path, text) {
  mkdirSync(dirname(join(root, 'ws', path)), { recursive: true });
  writeFileSync(join(root, 'ws', path), text);
}
const read = (path) => readFileSync(join(root, 'ws', path), 'utf-8');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  mkdirSync(join(root, 'ws'));
  git(['init', '-q', '-b', 'main']);
  const draft = readFileSync(
    join(REPO, 'packages/plan/src/plan/__fixtures__/complete-BookRoom-plan.md'),
    'utf-8',
  );
  const plans = [];
  const started = Date.now();
  for (let p = 0; p < PLANS; p++) {
    const useCase = `Book${String.fromCharCode(65 + (p % 26))}${String.fromCharCode(97 + Math.floor(p / 26))}Room`;
    const file = `docs/features/zeta/${useCase}/${useCase}-plan.md`;
    plans.push(file);
    for (let c = 0; c < COMMITS; c++) {
      write(
        file,
        draft
          .replace(/BookRoom/g, useCase)
          .replace('Out of scope:', `Revision ${c}. Out of scope:`),
      );
      git(['add', '-A']);
      git(['commit', '-q', '-m', `${useCase}: revision ${c}`]);
    }
    write(
      file,
      model.recordApproval(read(file), {
        by: REVIEWER.name,
        email: REVIEWER.email,
        at: new Date(),
      }),
    );
    git(['add', '-A'], REVIEWER);
    git(['commit', '-q', '-m', `Approve ${useCase}`], REVIEWER);
  }
  const setupS = ((Date.now() - started) / 1000).toFixed(1);

  const spawnSync = childProcess.spawnSync;
  let gitProcesses = 0;
  childProcess.spawnSync = (command, ...rest) => {
    if (command === 'git') gitProcesses++;
    return spawnSync(command, ...rest);
  };
  const time = (history) => {
    const times = [];
    let findings;
    for (let run = 0; run < RUNS + 1; run++) {
      gitProcesses = 0;
      const start = process.hrtime.bigint();
      findings = model.verifyProjectPlans({
        workspaceRoot: join(root, 'ws'),
        plansDir: 'docs/features/zeta',
        history,
        ci: true,
      }).findings;
      // The first run warms the parsers up.
      if (run > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return { ms: median(times), findings: findings.length, gitProcesses };
  };
  const without = time(false);
  const withHistory = time(true);
  process.stdout.write(
    [
      `${PLANS} plans, ${PLANS * (COMMITS + 1)} commits in the plans folder (set up in ${setupS} s); median of ${RUNS} runs:`,
      `  verifyProjectPlans without history: ${without.ms.toFixed(1)} ms (${without.findings} findings, ${without.gitProcesses} git processes)`,
      `  verifyProjectPlans with history:    ${withHistory.ms.toFixed(1)} ms (${withHistory.findings} findings, ${withHistory.gitProcesses} git processes)`,
      `  history costs ${(withHistory.ms - without.ms).toFixed(1)} ms, ${((withHistory.ms - without.ms) / PLANS).toFixed(2)} ms per plan`,
      '',
    ].join('\n'),
  );
} finally {
  if (!process.env.KEEP) rmSync(root, { recursive: true, force: true });
  else console.log(root);
}
