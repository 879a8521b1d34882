/** A routing rule as the gateway returns it; PUT takes the whole rule without its server-set fields. */
export interface Rule {
  id: string;
  name: string;
  enabled: boolean;
  channelIds: string[];
  createdAt: string;
  updatedAt: string;
  [field: string]: unknown;
}

/** The PUT body that changes only `changes`, keeping every other field of the rule as it is. */
export function ruleInput(rule: Rule, changes: Partial<Pick<Rule, 'name' | 'enabled' | 'channelIds'>>): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, ...input } = rule;
  return { ...input, ...changes };
}
