import { headline, itemLine, type Notification } from './notification.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function emailMessage(n: Notification): { subject: string; text: string; html: string } {
  const lines = n.items.map(itemLine);
  const link = n.consoleUrl ? `\nOpen in Fleetward: ${n.consoleUrl}\n` : '';
  const text = `${headline(n)}\n\n${lines.map((l) => `- ${l}`).join('\n')}\n${link}`;
  const html =
    `<h2 style="font-family:sans-serif">${esc(headline(n))}</h2>` +
    `<ul style="font-family:sans-serif">${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` +
    (n.consoleUrl ? `<p><a href="${esc(n.consoleUrl)}">Open in Fleetward</a></p>` : '');
  return { subject: headline(n), text, html };
}

/** Slack incoming webhook: Block Kit with a plain-text fallback. */
export function slackMessage(n: Notification): object {
  const lines = n.items.map((i) => `• ${itemLine(i)}`).join('\n');
  return {
    text: headline(n),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: headline(n).slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: lines.slice(0, 2900) || '_no items_' } },
      ...(n.consoleUrl ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: `<${n.consoleUrl}|Open in Fleetward>` }] }] : []),
    ],
  };
}

/** Microsoft Teams incoming webhook (workflow) with an Adaptive Card. */
export function teamsMessage(n: Notification): object {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', size: 'Medium', weight: 'Bolder', wrap: true, text: headline(n) },
            ...n.items.map((i) => ({ type: 'TextBlock', wrap: true, text: itemLine(i) })),
          ],
          ...(n.consoleUrl ? { actions: [{ type: 'Action.OpenUrl', title: 'Open in Fleetward', url: n.consoleUrl }] } : {}),
        },
      },
    ],
  };
}

/** Our own webhook body: the notification as JSON (documented in docs/webhooks.md). */
export function webhookBody(n: Notification): object {
  return { type: `notification.${n.reason}`, version: 1, ...n };
}
