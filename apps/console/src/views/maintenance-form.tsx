import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { useSession } from '../app/live.js';

/** Create a one-off or recurring maintenance window for a site or a device. */
export function MaintenanceForm({ onCreated }: { onCreated: () => void }) {
  const session = useSession();
  const [scope, setScope] = useState<'site' | 'device'>('site');
  const [targetId, setTargetId] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [freq, setFreq] = useState('');
  const [startTime, setStartTime] = useState('02:00');
  const [duration, setDuration] = useState(60);
  const [weekdays, setWeekdays] = useState('1');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setMessage(null);
    const window: Record<string, unknown> = {
      scope,
      targetId: targetId.trim(),
      startsAt: new Date(startsAt).toISOString(),
      ...(endsAt ? { endsAt: new Date(endsAt).toISOString() } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    if (freq) {
      window['recurrence'] = {
        freq,
        startTime,
        durationMinutes: duration,
        ...(freq === 'weekly' ? { weekdays: weekdays.split(',').map((d) => Number(d.trim())).filter(Boolean) } : {}),
      };
    }
    try {
      await session.api.request('POST', session.endpoints.maintenanceCreate!.path, window);
      setMessage('Window created.');
      onCreated();
    } catch (err) {
      setMessage(err instanceof ApiError ? `Refused: ${err.message}` : String(err));
    }
  };
  return (
    <form class="form-grid" onSubmit={submit} aria-label="New maintenance window">
      <label>Scope <select value={scope} onChange={(e) => setScope(e.currentTarget.value as 'site' | 'device')}><option value="site">site</option><option value="device">device</option></select></label>
      <label>Site or device id <input required value={targetId} onInput={(e) => setTargetId(e.currentTarget.value)} /></label>
      <label>Starts <input type="datetime-local" required value={startsAt} onInput={(e) => setStartsAt(e.currentTarget.value)} /></label>
      <label>Ends <input type="datetime-local" value={endsAt} onInput={(e) => setEndsAt(e.currentTarget.value)} /></label>
      <label>Repeats <select value={freq} onChange={(e) => setFreq(e.currentTarget.value)}><option value="">no</option><option value="daily">daily</option><option value="weekly">weekly</option></select></label>
      {freq && <label>At (local) <input type="time" value={startTime} onInput={(e) => setStartTime(e.currentTarget.value)} /></label>}
      {freq && <label>Minutes <input type="number" min={1} value={duration} onInput={(e) => setDuration(Number(e.currentTarget.value))} /></label>}
      {freq === 'weekly' && <label>Weekdays (1=Mon) <input value={weekdays} onInput={(e) => setWeekdays(e.currentTarget.value)} /></label>}
      <label>Reason <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} /></label>
      <button type="submit">Create window</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}
