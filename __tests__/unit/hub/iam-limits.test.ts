/** Packing long statement lists into documents IAM accepts. */
import { IAM_LIMITS } from '../../../modules/common/aws-limits';
import { type PolicyStatement, policySize } from '../../../modules/common/policy-document';
import { type ListStatement, packStatements } from '../../../modules/hub/policy-packing';

const list = (sid: string, items: string[]): ListStatement => ({
  items,
  statement: (part): PolicyStatement => ({ Sid: sid, Effect: 'Allow', Action: 'ecs:DescribeClusters', Resource: part }),
});
const arn = (i: number) => `arn:aws:ecs:us-east-1:111111111111:cluster/cluster-${String(i).padStart(5, '0')}`;
const itemsOf = (docs: ReturnType<typeof packStatements>, sid: string) =>
  docs.flatMap((d) => d.Statement.filter((s) => s.Sid === sid).flatMap((s) => s.Resource as string[]));

test('IAM counts characters without whitespace, and the limits are the default quotas', () => {
  expect(policySize({ Version: '2012-10-17', Statement: [] })).toBe(JSON.stringify({ Version: '2012-10-17', Statement: [] }).length);
  expect(IAM_LIMITS).toEqual({ inlinePerRole: 10_240, managedPolicy: 6_144, trustPolicy: 2_048, managedPoliciesPerRole: 10 });
});

test.each([1, 10, 95, 96, 97, 500, 2_000])('%i items: every item once, in order, each document within the limit, as few as a greedy fill gives', (n) => {
  const items = Array.from({ length: n }, (_, i) => arn(i));
  const docs = packStatements([list('A', items)], IAM_LIMITS.managedPolicy);
  expect(itemsOf(docs, 'A')).toEqual(items);
  for (const doc of docs) expect(policySize(doc)).toBeLessThanOrEqual(IAM_LIMITS.managedPolicy);
  // Greedy: each full document could not have taken the next item.
  docs.slice(0, -1).forEach((doc, i) => {
    const next = itemsOf([docs[i + 1]], 'A')[0];
    const grown = { ...doc, Statement: [{ ...doc.Statement[0], Resource: [...(doc.Statement[0].Resource as string[]), next] }] };
    expect(policySize(grown)).toBeGreaterThan(IAM_LIMITS.managedPolicy);
  });
});

test('several lists share documents; a list that does not fit goes on in the next document', () => {
  const a = Array.from({ length: 80 }, (_, i) => arn(i));
  const b = Array.from({ length: 40 }, (_, i) => arn(1000 + i));
  const docs = packStatements([list('A', a), list('B', b)], IAM_LIMITS.managedPolicy);
  expect(itemsOf(docs, 'A')).toEqual(a);
  expect(itemsOf(docs, 'B')).toEqual(b);
  expect(docs).toHaveLength(2);
  expect(docs[0].Statement.map((s) => s.Sid)).toEqual(['A', 'B']);
  expect(docs[1].Statement.map((s) => s.Sid)).toEqual(['B']);
  for (const doc of docs) expect(policySize(doc)).toBeLessThanOrEqual(IAM_LIMITS.managedPolicy);
});

test('an empty list adds no statement', () => {
  expect(packStatements([list('A', [])], 100)).toEqual([]);
});

test('a single item too long for any document is refused with its size', () => {
  expect(() => packStatements([list('A', ['x'.repeat(200)])], 150)).toThrow(/single item "x+" is \d+ characters, over IAM's 150/);
});
