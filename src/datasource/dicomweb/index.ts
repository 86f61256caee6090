// Public surface of the DICOMweb data source (issue 8).
export { createDicomWebClient, type DicomWebClientWithBulkData } from './createDicomWebClient';
export { createDicomWebDataSource, type DicomWebDataSourceOptions } from './dicomWebDataSource';
export { loadDeploymentConfig, type DeploymentConfig } from './deploymentConfig';
export { DEFAULT_TIMEOUT_MS } from './request';
export * from './types';
