import { useState } from 'preact/hooks';
import { useSession } from '../app/live.js';
import { useAction } from '../app/use-action.js';
import { fillPath } from '../logic/openapi-routes.js';
import { moveLabel, nextStates, planMoveBody, type PlanState } from '../logic/plan-moves.js';

export interface PlanItem {
  id: string;
  deviceId: string;
  deviceName: string;
  siteId: string | null;
  deviceType: string;
  reason: string;
  dueDate: string;
  priority: number;
  estimatedCost: number | null;
  state: string;
  stateReason: string | null;
}

/** The replacement plan; with `plan:write`, each item offers the moves its state allows. */
export function PlanTable({ items, onMoved }: { items: PlanItem[]; onMoved: () => void }) {
  const session = useSession();
  const canMove = session.can('planMove');
  if (items.length === 0) return <p class="muted">No replacements planned.</p>;
  return (
    <div class="table-wrap">
      <table data-testid="plan-table">
        <caption class="sr-only">Replacement plan</caption>
        <thead>
          <tr>
            <th scope="col">Device</th><th scope="col">Site</th><th scope="col">Type</th><th scope="col">Reason</th>
            <th scope="col">Due</th><th scope="col">Cost</th><th scope="col">State</th>
            {canMove && <th scope="col">Change</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-plan-item={i.deviceName}>
              <td>{i.deviceName}</td>
              <td>{i.siteId ?? '—'}</td>
              <td>{i.deviceType}</td>
              <td>{i.reason}</td>
              <td>{i.dueDate}</td>
              <td>{i.estimatedCost === null ? '—' : Math.round(i.estimatedCost).toLocaleString()}</td>
              <td><span class="badge" data-testid="plan-state">{i.state}</span>{i.stateReason && <span class="muted"> “{i.stateReason}”</span>}</td>
              {canMove && <td><MoveForm item={i} onMoved={onMoved} /></td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MoveForm({ item, onMoved }: { item: PlanItem; onMoved: () => void }) {
  const session = useSession();
  const moves = nextStates(item.state);
  const [to, setTo] = useState<PlanState | ''>('');
  const [reason, setReason] = useState('');
  const [replacedBy, setReplacedBy] = useState('');
  const action = useAction();
  if (moves.length === 0) return <span class="muted">final</span>;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!to) return;
    const built = planMoveBody(to, reason, replacedBy);
    if ('error' in built) return action.fail(built.error);
    const path = fillPath(session.endpoints.planMove!.path, item.id);
    if (await action.run(() => session.api.request('POST', path, built.body))) {
      setTo('');
      setReason('');
      onMoved();
    }
  };
  return (
    <form class="move" onSubmit={submit} aria-label={`Change ${item.deviceName}`}>
      <label>
        <span class="sr-only">New state of {item.deviceName}</span>
        <select value={to} onChange={(e) => setTo(e.currentTarget.value as PlanState)}>
          <option value="">choose…</option>
          {moves.map((m) => <option key={m} value={m}>{moveLabel[m]}</option>)}
        </select>
      </label>
      {to && (
        <label>
          Reason <input value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
      )}
      {to === 'replaced' && (
        <label>
          New device id <input value={replacedBy} required onInput={(e) => setReplacedBy(e.currentTarget.value)} />
        </label>
      )}
      <button type="submit" disabled={!to || action.busy}>Apply</button>
      {action.error && <span class="error" role="alert">{action.error}</span>}
    </form>
  );
}
