'use strict';
/**
 * Measurement (a): the plan model verifying every plan of the synthetic workspace, every module in
 * turn, the way the verify-plan batch does for a run's tasks (`verifyProjectsPlans`: the plans
 * and git histories of every module read first, then each module verified); a build without it
 * (an older baseline) verifies with one `verifyProjectPlans` per module, as it did.
 *
 * As a module, it exports `verifyAll` (the in-process measurement). As a script,
 *   node tools/bench/verify-all.js <workspaceRoot> <plan model entry> <module>...
 * it loads the model, verifies once, and prints one JSON line: the counts, the time spent
 * verifying, and the process's peak RSS. The parent times the whole process (startup included).
 */

/**
 * Verifies the plans of every module (with the given configuration, or the default one).
 * Returns the number of plans and findings, and the first findings (to show what went wrong when
 * the count is not the one expected).
 */
function verifyAll(model, workspaceRoot, modules, config) {
  let plans = 0;
  let findings = 0;
  const sample = [];
  const list = modules.map((module) => ({
    workspaceRoot,
    plansDir: `docs/features/${module}`,
    projectRoot: `packages/${module}`,
    config,
  }));
  const verifications = model.verifyProjectsPlans
    ? model.verifyProjectsPlans(list)
    : list.map((options) => () => model.verifyProjectPlans(options));
  for (const [index, module] of modules.entries()) {
    const result = verifications[index]();
    if (result.problem) throw new Error(`${module}: ${result.problem}`);
    plans += result.plans.length;
    findings += result.findings.length;
    if (sample.length < 5) sample.push(...result.findings.slice(0, 5 - sample.length));
  }
  return { plans, findings, sample };
}

/**
 * verify-evidence's work on every module, in-process: the tests each module's plans cite,
 * checked against the module's report. Returns the number of plans, cited tests and findings.
 */
function verifyEvidenceAll(model, workspaceRoot, modules) {
  let plans = 0;
  let cited = 0;
  let findings = 0;
  const sample = [];
  for (const module of modules) {
    const result = model.verifyProjectEvidence({
      workspaceRoot,
      plansDir: `docs/features/${module}`,
      project: module,
      report: `packages/${module}/jest-results.json`,
      testTarget: 'test',
    });
    plans += result.plans.length;
    cited += result.cited.length;
    findings += result.findings.length;
    if (sample.length < 5) sample.push(...result.findings.slice(0, 5 - sample.length));
  }
  return { plans, cited, findings, sample };
}

module.exports = { verifyAll, verifyEvidenceAll };

if (require.main === module) {
  const [workspaceRoot, modelEntry, ...modules] = process.argv.slice(2);
  const start = process.hrtime.bigint();
  const model = require(modelEntry);
  const loaded = process.hrtime.bigint();
  const result = verifyAll(model, workspaceRoot, modules);
  const done = process.hrtime.bigint();
  process.stdout.write(
    `${JSON.stringify({
      plans: result.plans,
      findings: result.findings,
      sample: result.sample,
      loadMs: Number(loaded - start) / 1e6,
      verifyMs: Number(done - loaded) / 1e6,
      // Kilobytes on Linux and macOS.
      maxRssKb: process.resourceUsage().maxRSS,
    })}\n`,
  );
}
