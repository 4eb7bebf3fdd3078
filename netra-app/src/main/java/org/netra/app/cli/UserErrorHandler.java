package org.netra.app.cli;

import picocli.CommandLine;

/**
 * Errors in what the user gave (an unknown nuclide, a malformed file) are printed as one sentence and
 * exit 2; anything else is a bug in netra and keeps its stack trace.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        if (ex instanceof IllegalArgumentException
                || ex instanceof java.io.IOException
                || ex instanceof org.netra.store.StoreException
                || ex instanceof org.netra.interop.dicomweb.DicomWebException
                || ex instanceof org.netra.interop.fhir.FhirImportException
                || ex instanceof org.netra.interop.referral.ReferralException) {
            cl.getErr().println(cl.getColorScheme().errorText("netra: " + ex.getMessage()));
            return 2;
        }
        throw ex;
    }
}
