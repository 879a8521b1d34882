import { useState } from 'preact/hooks';
import { itemsOf } from '../api/client.js';
import { useSession } from '../app/live.js';
import { useAction } from '../app/use-action.js';
import { useApi } from '../app/use-api.js';
import { fillPath } from '../logic/openapi-routes.js';
import { draftOf, emptyDraft, POLICY_KINDS, policyBody, scopeOf, sortPolicies, type Policy, type PolicyDraft } from '../logic/policy-form.js';
import { Loaded } from '../ui/components.js';

const TYPES = ['camera', 'recorder', 'access-controller', 'reader', 'intercom', 'sensor', 'gunshot-detector', 'network', 'other'];

/** The organisation's replacement policy and its overrides; editable with `policies:write`. */
export function PolicyEditor() {
  const session = useSession();
  const policies = useApi<unknown>('policies');
  const [editing, setEditing] = useState<PolicyDraft | null>(null);
  const del = useAction();
  const canWrite = session.can('policyPut');
  return (
    <>
      <Loaded result={policies} what="Replacement policies" endpoint="policies">
        {(b) => {
          const items = sortPolicies(itemsOf<Policy>(b).items);
          if (items.length === 0) return <p class="muted">No policies set: the defaults apply.</p>;
          return (
            <ul class="plain" data-testid="policies">
              {items.map((p) => (
                <li key={p.id} data-policy={scopeOf(p)}>
                  <strong>{scopeOf(p)}</strong>: {p.kind}
                  {p.offlineDays !== null && `, after ${p.offlineDays} days offline`}
                  {p.ageYears !== null && `, at ${p.ageYears} years`}, {p.leadDays} days ahead
                  {p.annualCapPct !== null && `, at most ${p.annualCapPct}% of the fleet a year`}{' '}
                  {canWrite && <button class="link" onClick={() => setEditing(draftOf(p))}>Edit</button>}{' '}
                  {session.can('policyDelete') && (
                    <button class="link" disabled={del.busy} onClick={() => void del.run(() => session.api.request('DELETE', fillPath(session.endpoints.policyDelete!.path, p.id))).then((ok) => ok && policies.reload())}>
                      Delete
                    </button>
                  )}
                </li>
              ))}
              {del.error && <li class="error" role="alert">{del.error}</li>}
            </ul>
          );
        }}
      </Loaded>
      {canWrite && !editing && <button onClick={() => setEditing(emptyDraft())}>Add policy</button>}
      {canWrite && editing && <PolicyForm draft={editing} onDone={() => { setEditing(null); policies.reload(); }} onCancel={() => setEditing(null)} />}
    </>
  );
}

function PolicyForm({ draft, onDone, onCancel }: { draft: PolicyDraft; onDone: () => void; onCancel: () => void }) {
  const session = useSession();
  const [d, setD] = useState(draft);
  const action = useAction();
  const set = (k: keyof PolicyDraft) => (e: { currentTarget: { value: string } }) => setD({ ...d, [k]: e.currentTarget.value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const built = policyBody(d);
    if ('error' in built) return action.fail(built.error);
    if (await action.run(() => session.api.request('PUT', session.endpoints.policyPut!.path, built.body))) onDone();
  };
  return (
    <form class="form-grid" onSubmit={submit} aria-label="Replacement policy">
      <label>Site subtree (id, empty for all) <input value={d.siteId} onInput={set('siteId')} /></label>
      <label>Device type <select value={d.deviceType} onChange={set('deviceType')}><option value="">any</option>{TYPES.map((t) => <option key={t}>{t}</option>)}</select></label>
      <label>Replace on <select value={d.kind} onChange={set('kind')}>{POLICY_KINDS.map((k) => <option key={k}>{k}</option>)}</select></label>
      <label>Offline days (run to failure) <input inputMode="numeric" value={d.offlineDays} onInput={set('offlineDays')} /></label>
      <label>Age in years <input inputMode="numeric" value={d.ageYears} onInput={set('ageYears')} /></label>
      <label>Lead time (days) <input inputMode="numeric" value={d.leadDays} onInput={set('leadDays')} /></label>
      <label>Annual cap (% of fleet, organisation default only) <input inputMode="decimal" value={d.annualCapPct} onInput={set('annualCapPct')} /></label>
      <button type="submit" disabled={action.busy}>Save changes</button>
      <button type="button" class="link" onClick={onCancel}>Cancel</button>
      {action.error && <p class="error" role="alert">{action.error}</p>}
    </form>
  );
}
