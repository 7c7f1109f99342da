export { parseContentDispositionFilename, decodeExtValue, decodeFilenameValue } from './content-disposition';
export { parseDispositionParams, type DispositionParam, type ParsedDisposition } from './disposition-params';
export { decodeEncodedWord } from './encoded-words';
export { sanitizeFileName, type SanitizeOptions } from './sanitize-file-name';
export { fileNameFromUrl } from './file-name-from-url';
export { chooseFileName, type ChooseFileNameInput } from './choose-file-name';
export { reserveUniquePath, isInside, splitExtension, PART_SUFFIX } from './unique-path';
export { fitFileName, truncateUtf8, MAX_NAME_BYTES, type NameParts } from './file-name-parts';
export { extensionForContentType, extensionMatchesContentType, mimeEssence } from './content-type-extension';
