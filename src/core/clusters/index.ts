export { chooseK, maxGroupsFor, MIN_ROWS_PER_GROUP, type ChooseKOptions, type ChosenClusters, type KCandidate } from './choose-k.js';
export { describeGroup, describeTraits, formatShare, type DescribeOptions, type GroupShares } from './describe.js';
export { CLUSTER_FEATURES, FEATURE_SETS, resolveFeatures, type ClusterFeature, type Words } from './features.js';
export { kmeans, seedPlusPlus, type KMeansOptions, type KMeansResult } from './kmeans.js';
export { sampleIndices, seededRandom, type Random } from './random.js';
export { silhouette, type SilhouetteOptions } from './silhouette.js';
export { standardise, transformValue, type Standardised, type Transform } from './standardise.js';
