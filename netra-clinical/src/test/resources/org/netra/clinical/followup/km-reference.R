# Reference Kaplan–Meier and log-rank results from R's survival package, for KaplanMeierVsRTest.
# Usage: Rscript km-reference.R OUTDIR   (writes the data sets it uses, then R's results)
suppressPackageStartupMessages(library(survival))
out <- commandArgs(trailingOnly = TRUE)[1]
w <- function(x, name) write.csv(x, file.path(out, name), row.names = FALSE, na = "NA")

# The data: lung (NCCTG advanced lung cancer; status 1 censored, 2 dead) and aml (status 0/1).
lung2 <- data.frame(time = lung$time, status = lung$status - 1, group = ifelse(lung$sex == 1, "male", "female"))
aml2 <- data.frame(time = aml$time, status = aml$status, group = as.character(aml$x))
w(lung2, "lung.csv")
w(aml2, "aml.csv")

curves <- function(d, name, conf) {
  fits <- list(all = survfit(Surv(time, status) ~ 1, data = d, conf.type = conf))
  byg <- survfit(Surv(time, status) ~ group, data = d, conf.type = conf)
  tab <- data.frame(group = "", time = fits$all$time, n.risk = fits$all$n.risk, n.event = fits$all$n.event,
                    n.censor = fits$all$n.censor, surv = fits$all$surv, std.err = fits$all$std.err,
                    lower = fits$all$lower, upper = fits$all$upper)
  strata <- rep(sub("group=", "", names(byg$strata)), byg$strata)
  tab <- rbind(tab, data.frame(group = strata, time = byg$time, n.risk = byg$n.risk, n.event = byg$n.event,
                               n.censor = byg$n.censor, surv = byg$surv, std.err = byg$std.err,
                               lower = byg$lower, upper = byg$upper))
  w(tab, paste0(name, "-", conf, "-table.csv"))
  q1 <- quantile(fits$all, probs = 0.5)
  qg <- quantile(byg, probs = 0.5)
  med <- data.frame(group = c("", sub("group=", "", rownames(qg$quantile))),
                    median = c(q1$quantile, qg$quantile), lower = c(q1$lower, qg$lower), upper = c(q1$upper, qg$upper))
  w(med, paste0(name, "-", conf, "-median.csv"))
}
for (conf in c("log", "log-log", "plain")) {
  curves(lung2, "lung", conf)
  curves(aml2, "aml", conf)
}
for (name in c("lung", "aml")) {
  d <- if (name == "lung") lung2 else aml2
  sd <- survdiff(Surv(time, status) ~ group, data = d)
  df <- length(sd$n) - 1
  w(data.frame(chisq = sd$chisq, df = df, p = pchisq(sd$chisq, df, lower.tail = FALSE)), paste0(name, "-logrank.csv"))
}
# Three groups, to exercise the (k−1)×(k−1) variance: lung by ECOG score 0, 1, 2+.
lung3 <- data.frame(time = lung$time, status = lung$status - 1,
                    group = ifelse(is.na(lung$ph.ecog), NA, ifelse(lung$ph.ecog >= 2, "ecog2+", paste0("ecog", lung$ph.ecog))))
lung3 <- lung3[!is.na(lung3$group), ]
w(lung3, "lung3.csv")
sd <- survdiff(Surv(time, status) ~ group, data = lung3)
w(data.frame(chisq = sd$chisq, df = 2, p = pchisq(sd$chisq, 2, lower.tail = FALSE)), "lung3-logrank.csv")
# Numbers at risk under a plot: summary(fit, times) on a grid reaching past the last time (extend = TRUE).
for (name in c("lung", "aml")) {
  d <- if (name == "lung") lung2 else aml2
  grid <- seq(0, max(d$time) + 50, by = 50)
  s <- summary(survfit(Surv(time, status) ~ 1, data = d), times = grid, extend = TRUE)
  w(data.frame(time = s$time, n.risk = s$n.risk), paste0(name, "-atrisk.csv"))
}
