#!/usr/bin/env node
'use strict';
/**
 * `npm run docs:rules`: writes docs/rules.md from each rule's meta and its hand-written part in
 * docs/rules/, and the catalog's lists into docs/plan-format.md (see docs/rules/README.md).
 *
 *   node tools/rules-doc/build.js           writes the files that changed
 *   node tools/rules-doc/build.js --check   writes nothing; fails when a file is out of date
 *
 * The rules are the plan package's TypeScript, loaded through @swc-node/register: no build of
 * the package is needed, and what is documented is the source as it is.
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
process.env.SWC_NODE_PROJECT ??= join(ROOT, 'tsconfig.base.json');
require('@swc-node/register');
const { buildDocs } = require('./docs.ts');

async function main(argv) {
  const check = argv.includes('--check');
  const stale = [];
  for (const { file, text } of await buildDocs(ROOT)) {
    const path = join(ROOT, file);
    let current;
    try {
      current = readFileSync(path, 'utf-8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    stale.push(file);
    if (!check) writeFileSync(path, text);
  }
  if (check && stale.length > 0) {
    console.error(`Out of date: ${stale.join(', ')}. Run \`npm run docs:rules\`.`);
    return 1;
  }
  console.log(stale.length === 0 ? 'Up to date.' : `Wrote ${stale.join(', ')}.`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error && error.name === 'PartError' ? error.message : error);
    process.exitCode = 1;
  },
);
