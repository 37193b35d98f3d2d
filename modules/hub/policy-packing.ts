/**
 * Packing long lists (accounts, cluster ARNs) into as few policy documents as fit IAM's size
 * limits (common/aws-limits.ts), so a fleet of 1,000 accounts gets policies IAM accepts instead
 * of an apply that fails halfway.
 */
import { type PolicyDocument, type PolicyStatement, policySize } from '../common/policy-document';

/** A statement whose one list (resources or condition values) may be split across documents. */
export interface ListStatement {
  readonly items: readonly string[];
  /** The statement for a part of the items; the items must appear in it as one JSON array. */
  readonly statement: (items: string[]) => PolicyStatement;
}

const documentOf = (statements: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements });

/**
 * The statements, in order, in as few documents of at most `limit` characters as greedy packing
 * gives: a list is split where a document is full and goes on in the next one.
 */
export function packStatements(lists: readonly ListStatement[], limit: number): PolicyDocument[] {
  const documents: PolicyDocument[] = [];
  let statements: PolicyStatement[] = [];
  const flush = () => {
    if (statements.length > 0) documents.push(documentOf(statements));
    statements = [];
  };
  for (const list of lists) {
    let part: string[] = [];
    let size = 0;
    const close = () => {
      if (part.length > 0) statements.push(list.statement(part));
      part = [];
    };
    /** Starts a statement with `item`, in the current document if it fits, else in a new one. */
    const start = (item: string) => {
      size = policySize(documentOf([...statements, list.statement([item])]));
      if (size > limit && statements.length > 0) {
        flush();
        size = policySize(documentOf([list.statement([item])]));
      }
      if (size > limit) throw new RangeError(`one statement with the single item ${JSON.stringify(item)} is ${size} characters, over IAM's ${limit}`);
      part.push(item);
    };
    for (const item of list.items) {
      if (part.length === 0) {
        start(item);
        continue;
      }
      // One more array element costs its JSON and a comma.
      const cost = JSON.stringify(item).length + 1;
      if (size + cost <= limit) {
        size += cost;
        part.push(item);
        continue;
      }
      close();
      flush();
      start(item);
    }
    close();
  }
  flush();
  return documents;
}
