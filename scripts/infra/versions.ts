/** Pinned versions of everything `infra up` provisions. Bumping one re-provisions into a fresh cache folder. */
export const versions = {
  kafka: '4.1.1',
  scala: '2.13',
  log4j: '2.24.3',
  mavenDependencyPlugin: '3.8.1',
  ferretdb: 'v1.24.2',
} as const;
