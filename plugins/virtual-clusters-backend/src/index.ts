export { virtualClustersPlugin as default } from './plugin';
