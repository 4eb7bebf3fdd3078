-- An uploaded, unpacked zip waiting for its user to choose time points and VOIs: its listing (series, CT folders,
-- VOIs, RTSTRUCT path, the options chosen on the upload form) as JSON, so that the choice may be posted to any
-- node; the files themselves are in the data folder the nodes share. Starting the job deletes the row and queues
-- the job in one transaction, so an upload is started once, on whichever node.
CREATE TABLE upload_awaiting (
    id           VARCHAR(64)  PRIMARY KEY,
    owner_user   VARCHAR(128) NOT NULL,
    listing      VARCHAR      NOT NULL,
    uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
