package org.netra.store.clinical;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * How the images behind a cycle's dosimetry were acquired and reconstructed, as their DICOM headers state it (the
 * EANM checklist's camera, reconstruction and corrections items). Each part is in words; an empty part is one the
 * header did not carry, which the report prints as "not recorded".
 *
 * @param camera manufacturer, model and collimator
 * @param reconstruction the reconstruction method and the series it named
 * @param corrections attenuation and scatter correction methods and the corrections the image states it has
 */
public record AcquisitionProtocol(String camera, String reconstruction, String corrections) {
    public AcquisitionProtocol {
        camera = camera == null ? "" : camera.strip();
        reconstruction = reconstruction == null ? "" : reconstruction.strip();
        corrections = corrections == null ? "" : corrections.strip();
    }

    @JsonIgnore // not a stored field: stored records hold the three parts only
    public boolean isEmpty() {
        return camera.isEmpty() && reconstruction.isEmpty() && corrections.isEmpty();
    }
}
