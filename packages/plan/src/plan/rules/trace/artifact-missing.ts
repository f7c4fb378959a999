/** `trace/artifact-missing`: every artifact the plan names is declared in the module's code. */
import { namedArtifacts } from '../../plan-tables';
import type { PlanRule } from '../rule';
import { docsOf, sectionRef } from '../rule';

export const artifactMissing: PlanRule = {
  scope: 'plan',
  meta: {
    id: 'trace/artifact-missing',
    severity: 'error',
    description:
      "Every artifact named in the Domain model and Application layer tables is declared in the module's code.",
    tags: ['trace'],
    docs: docsOf('trace/artifact-missing'),
    messages: {
      notDeclared:
        '`{{name}}` is named in {{section}} but not declared in {{root}}/src; declare it (`export class {{name}}`, interface, type...) or correct the name in the table.',
    },
  },
  check(context, report) {
    const code = context.moduleCode;
    if (!code) return;
    for (const artifact of namedArtifacts(context.sections)) {
      if (code.declarations.has(artifact.name)) continue;
      report(artifact.at, 'notDeclared', {
        name: artifact.name,
        section: sectionRef(artifact.section, context.catalog),
        root: code.root || 'the module',
      });
    }
  },
};
