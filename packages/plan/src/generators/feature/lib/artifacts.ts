import { joinPathFragments } from '@nx/devkit';
import type { NormalizedFeatureOptions } from './normalize-options';
import type { Names } from './names';
import { ARTIFACT_KINDS, ArtifactKind, ArtifactLayer, SPEC_SUFFIX } from '../../../plan/layout';

export type { ArtifactLayer };

/** One thing a use-case is made of: a row of the plan's domain or application table. */
export interface Artifact {
  readonly layer: ArtifactLayer;
  /** The plan's "Kind" column: `Value object`, `Aggregate`, ... */
  readonly kind: string;
  /** The exported declaration the plan names, e.g. `MeetingId`. */
  readonly name: string;
  /** The source file, relative to the module's project root. */
  readonly file: string;
  /** The spec beside it, relative to the module's project root. */
  readonly spec: string;
  /** Whether other use-cases of the aggregate share it (it is extended, never regenerated). */
  readonly shared: boolean;
}

/** The listener of a use-case reacts to its first event. */
export function listenerNames(options: NormalizedFeatureOptions): Names | undefined {
  if (options.scheduledCommands.length === 0) return undefined;
  const event = options.events[0];
  return {
    className: `On${event.className}`,
    propertyName: `on${event.className}`,
    fileName: `on-${event.fileName}`,
    constantName: `ON_${event.constantName}`,
    words: ['on', ...event.words],
  };
}

/** Everything the use-case is made of, in the order the plan lists it. */
export function useCaseArtifacts(options: NormalizedFeatureOptions): Artifact[] {
  const { domainDir, applicationDir, aggregate, aggregateId, useCase } = options;
  const listener = listenerNames(options);
  const make = (kind: ArtifactKind, name: string, base: string, shared = false): Artifact => {
    const { kind: label, suffix, layer } = ARTIFACT_KINDS[kind];
    const dir = layer === 'domain' ? domainDir : applicationDir;
    const file = joinPathFragments(dir, `${base}${suffix}`);
    return {
      layer,
      kind: label,
      name,
      file: `${file}.ts`,
      spec: `${file}${SPEC_SUFFIX}.ts`,
      shared,
    };
  };

  return [
    make('aggregate', aggregate.className, aggregate.fileName, true),
    make('valueObject', aggregateId.className, aggregateId.fileName, true),
    ...options.valueObjects.map((vo) => make('valueObject', vo.className, vo.fileName, true)),
    ...options.events.map((event) => make('event', event.className, event.fileName)),
    make('repositoryPort', `${aggregate.className}RepositoryPort`, aggregate.fileName, true),
    make('command', `${useCase.className}Command`, useCase.fileName),
    make('handler', `${useCase.className}Handler`, useCase.fileName),
    ...(listener ? [make('listener', `${listener.className}Listener`, listener.fileName)] : []),
    ...options.scheduledCommands.map((sc) =>
      make('scheduledCommand', `${sc.className}ScheduledCommand`, sc.fileName),
    ),
  ];
}
