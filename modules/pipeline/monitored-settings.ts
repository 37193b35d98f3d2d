/**
 * The settings monitoring watches, from a pipeline's: clusters discovered at run time ("*") have
 * no names at synth, so monitoring watches none of them by name. Pure, shared by the construct
 * and its validation so both hand monitoring the same settings.
 */
import type { PipelineSettings } from './pipeline-settings';

/** A pipeline's settings with its clusters named: none where they are discovered. */
export type NamedClusterSettings = Omit<PipelineSettings, 'clusters'> & { readonly clusters: readonly string[] };

export function monitoredSettings(s: PipelineSettings): NamedClusterSettings {
  return { ...s, clusters: s.clusters === '*' ? [] : s.clusters };
}
