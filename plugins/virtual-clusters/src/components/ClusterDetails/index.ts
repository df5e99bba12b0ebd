export { ClusterDetails } from './ClusterDetails';
