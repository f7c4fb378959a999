/**
 * The approval policy of a workspace (the plugin's `approval` option): who may approve a plan,
 * how many distinct approvers it needs, whether an author may approve (four eyes), and whether
 * the commit that adds an approval must be signed. Pure: CODEOWNERS is read by the caller.
 */
import { EMAIL } from './approval-block';
import { CodeOwners, ownersOf } from './codeowners';

export interface ApprovalPolicyInput {
  /** `"codeowners"`, or a list of emails (`a@x`, `Name <a@x>`) and names. */
  readonly approvers?: 'codeowners' | readonly string[];
  /** CODEOWNERS handles (`@org/team`, `@user`) → the emails of the people they stand for. */
  readonly owners?: Readonly<Record<string, string | readonly string[]>>;
  readonly requiredApprovals?: number;
  readonly fourEyes?: boolean;
  readonly requireSignedApprovals?: boolean;
  /** A workspace-relative SSH allowed-signers file for the signature check. */
  readonly allowedSigners?: string;
}

export interface ApprovalPolicy {
  /** Undefined: anyone may approve (the approval is still proved from git). */
  readonly approvers: 'codeowners' | ApproverList | undefined;
  /** Handle (lower case, with `@`) → emails (lower case). */
  readonly owners: ReadonlyMap<string, readonly string[]>;
  readonly requiredApprovals: number;
  readonly fourEyes: boolean;
  readonly requireSignedApprovals: boolean;
  readonly allowedSigners: string | undefined;
}

export interface ApproverList {
  readonly emails: readonly string[];
  readonly names: readonly string[];
}

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = resolveApprovalPolicy({});

export function resolveApprovalPolicy(input: ApprovalPolicyInput): ApprovalPolicy {
  const approvers =
    input.approvers === undefined
      ? undefined
      : input.approvers === 'codeowners'
        ? 'codeowners'
        : approverList(input.approvers);
  const owners = new Map<string, string[]>();
  for (const [handle, emails] of Object.entries(input.owners ?? {})) {
    owners.set(
      handle.toLowerCase(),
      (typeof emails === 'string' ? [emails] : [...emails]).map((email) =>
        email.trim().toLowerCase(),
      ),
    );
  }
  return {
    approvers,
    owners,
    requiredApprovals: input.requiredApprovals ?? 1,
    // Four eyes come with a list of approvers, unless the policy says otherwise.
    fourEyes: input.fourEyes ?? approvers !== undefined,
    requireSignedApprovals: input.requireSignedApprovals ?? false,
    allowedSigners: input.allowedSigners,
  };
}

/** `a@x`, `Name <a@x>` (an email), or a name. */
export function approverList(entries: readonly string[]): ApproverList {
  const emails: string[] = [];
  const names: string[] = [];
  for (const entry of entries) {
    const email = emailIn(entry);
    if (email) emails.push(email);
    else names.push(entry.trim().toLowerCase());
  }
  return { emails, names };
}

/** The email of an approvers entry (`a@x` or `Name <a@x>`), lower case; undefined for a name. */
export function emailIn(entry: string): string | undefined {
  const bracketed = /<([^<>]+)>\s*$/.exec(entry)?.[1];
  const candidate = (bracketed ?? entry).trim();
  return EMAIL.test(candidate) ? candidate.toLowerCase() : undefined;
}

/** Who may approve one plan, and how the policy said so (for messages). */
export interface AllowedApprovers {
  readonly emails: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
  /** `@user` handles: their GitHub no-reply addresses are theirs. */
  readonly logins: ReadonlySet<string>;
  /** Where the list comes from, said in a message: "the CODEOWNERS of …: @org/team". */
  readonly source: string;
}

/**
 * Who may approve the plan at `file` (workspace-relative); undefined when anyone may. With
 * `codeowners`, the owners of the plan's path: emails as written, handles through `owners`, and
 * a `@user`'s GitHub no-reply address.
 */
export function allowedApprovers(
  policy: ApprovalPolicy,
  file: string,
  codeowners: CodeOwners | undefined,
): AllowedApprovers | undefined {
  const approvers = policy.approvers;
  if (approvers === undefined) return undefined;
  if (approvers !== 'codeowners') {
    return {
      emails: new Set(approvers.emails),
      names: new Set(approvers.names),
      logins: new Set(),
      source: `the approvers in nx.json (${summary([...approvers.emails, ...approvers.names])})`,
    };
  }
  const none = (source: string): AllowedApprovers => ({
    emails: new Set(),
    names: new Set(),
    logins: new Set(),
    source,
  });
  if (!codeowners)
    return none(
      'the CODEOWNERS of the plan, but there is no CODEOWNERS file (.github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS)',
    );
  const rule = ownersOf(codeowners, file);
  if (!rule || rule.owners.length === 0)
    return none(`the CODEOWNERS of the plan, but ${codeowners.file} gives ${file} no owner`);
  const emails = new Set<string>();
  const logins = new Set<string>();
  const unmapped: string[] = [];
  for (const owner of rule.owners) {
    const lower = owner.toLowerCase();
    if (!owner.startsWith('@')) {
      if (EMAIL.test(owner)) emails.add(lower);
      continue;
    }
    const mapped = policy.owners.get(lower);
    if (mapped) for (const email of mapped) emails.add(email);
    if (!lower.includes('/')) logins.add(lower.slice(1));
    else if (!mapped) unmapped.push(owner);
  }
  const note =
    unmapped.length > 0
      ? `; ${unmapped.join(', ')} has no emails in the approval policy's owners`
      : '';
  const mapped = [...emails].length > 0 ? ` → ${summary([...emails])}` : '';
  return {
    emails,
    names: new Set(),
    logins,
    source: `the CODEOWNERS of the plan (${codeowners.file}:${rule.line}: ${rule.owners.join(' ')}${mapped}${note})`,
  };
}

/** Whether an identity (a commit's author, or what an approval says) may approve. */
export function isAllowed(
  allowed: AllowedApprovers,
  identity: { readonly name?: string; readonly email?: string },
): boolean {
  const email = identity.email?.trim().toLowerCase();
  if (email !== undefined && allowed.emails.has(email)) return true;
  if (email !== undefined) {
    const login = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(email)?.[1];
    if (login !== undefined && allowed.logins.has(login)) return true;
  }
  const name = identity.name?.trim().toLowerCase();
  return name !== undefined && allowed.names.has(name);
}

function summary(items: readonly string[], max = 5): string {
  return items.length <= max
    ? items.join(', ')
    : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
