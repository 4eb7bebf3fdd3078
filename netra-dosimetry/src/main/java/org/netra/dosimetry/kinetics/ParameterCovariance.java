package org.netra.dosimetry.kinetics;

/** The covariance of a model's {@link KineticModel#parameters()} (MBq and per hour). */
public record ParameterCovariance(double[][] matrix) {
    public ParameterCovariance {
        int n = matrix.length;
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            if (matrix[i].length != n) {
                throw new KineticsException("a covariance matrix must be square");
            }
            copy[i] = matrix[i].clone();
        }
        matrix = copy;
    }

    public double variance(int parameter) {
        return matrix[parameter][parameter];
    }

    /** gᵀ·C·g: the variance of a function whose gradient with respect to the parameters is {@code gradient}. */
    public double propagate(double[] gradient) {
        double sum = 0;
        for (int i = 0; i < gradient.length; i++) {
            for (int j = 0; j < gradient.length; j++) {
                sum += gradient[i] * matrix[i][j] * gradient[j];
            }
        }
        return Math.max(0, sum);
    }

    @Override
    public double[][] matrix() {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterCovariance other && java.util.Arrays.deepEquals(matrix, other.matrix);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.deepHashCode(matrix);
    }

    @Override
    public String toString() {
        return java.util.Arrays.deepToString(matrix);
    }
}
