#!/usr/bin/env Rscript
# Golden statistical fixtures for the kyphoplasty outcomes service (base R only).
# Run from the repository root:  Rscript src/test/r/golden.R
# Writes CSV files into src/test/resources/golden/.

out_dir <- file.path("src", "test", "resources", "golden")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

# ---------------------------------------------------------------------------
# Number formatting: shortest representation (15..17 significant digits) that
# round-trips exactly to the same double; integers as integers; NA as "NA".
# ---------------------------------------------------------------------------
fmt_num <- function(x) {
  vapply(x, function(v) {
    if (is.na(v)) return("NA")
    if (is.numeric(v) && v == floor(v) && abs(v) < 1e15) return(sprintf("%.0f", v))
    for (d in 15:17) {
      s <- sprintf(paste0("%.", d, "g"), v)
      if (as.numeric(s) == v) return(s)
    }
    sprintf("%.17g", v)
  }, character(1))
}

write_golden <- function(df, name) {
  cols <- lapply(df, function(col) if (is.numeric(col)) fmt_num(col) else as.character(col))
  lines <- c(paste(names(df), collapse = ","),
             do.call(paste, c(cols, sep = ",")))
  writeLines(lines, file.path(out_dir, name))
  cat(sprintf("%-28s %5d rows\n", name, nrow(df)))
}

# ---------------------------------------------------------------------------
# Interval methods
# ---------------------------------------------------------------------------
wilson <- function(x, n, level) {
  ci <- suppressWarnings(prop.test(x, n, conf.level = level, correct = FALSE))$conf.int
  lo <- ci[1]; hi <- ci[2]
  if (x == 0) lo <- 0
  if (x == n) hi <- 1
  c(lo, hi)
}

clopper_pearson <- function(x, n, level) {
  ci <- binom.test(x, n, conf.level = level)$conf.int
  lo <- ci[1]; hi <- ci[2]
  if (x == 0) lo <- 0
  if (x == n) hi <- 1
  c(lo, hi)
}

jeffreys <- function(x, n, level) {
  alpha <- 1 - level
  lo <- if (x == 0) 0 else qbeta(alpha / 2, x + 0.5, n - x + 0.5)
  hi <- if (x == n) 1 else qbeta(1 - alpha / 2, x + 0.5, n - x + 0.5)
  c(lo, hi)
}

agresti_coull <- function(x, n, level) {
  alpha <- 1 - level
  z <- qnorm(1 - alpha / 2)
  nt <- n + z^2
  pt <- (x + z^2 / 2) / nt
  h <- z * sqrt(pt * (1 - pt) / nt)
  lo <- max(0, pt - h); hi <- min(1, pt + h)
  if (x == 0) lo <- 0
  if (x == n) hi <- 1
  c(lo, hi)
}

interval <- function(method, x, n, level) {
  switch(method,
         WILSON = wilson(x, n, level),
         CLOPPER_PEARSON = clopper_pearson(x, n, level),
         JEFFREYS = jeffreys(x, n, level),
         AGRESTI_COULL = agresti_coull(x, n, level),
         stop("unknown method ", method))
}
METHODS <- c("WILSON", "CLOPPER_PEARSON", "JEFFREYS", "AGRESTI_COULL")

binom_p <- function(x, n, p0) binom.test(x, n, p = p0)$p.value

fisher_p <- function(x1, n1, x2, n2)
  fisher.test(matrix(c(x1, n1 - x1, x2, n2 - x2), nrow = 2, byrow = TRUE))$p.value

newcombe <- function(x1, n1, x2, n2, level) {
  p1 <- x1 / n1; p2 <- x2 / n2
  w1 <- wilson(x1, n1, level); w2 <- wilson(x2, n2, level)
  d <- p1 - p2
  c(d,
    d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2),
    d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))
}

verdict <- function(lo, hi, p0) {
  if (hi < p0) "BELOW" else if (lo > p0) "ABOVE" else "CONSISTENT"
}

# ---------------------------------------------------------------------------
# 1. binom_test.csv
# ---------------------------------------------------------------------------
xs_by_n <- list(
  "1" = 0:1, "2" = 0:2, "3" = 0:3, "5" = 0:5,
  "10" = c(0, 3, 5, 8, 10),
  "11" = c(0, 6, 9, 11),
  "12" = c(0, 6, 9, 12),
  "20" = c(0, 10, 15, 20),
  "50" = c(25, 36, 45),
  "100" = c(0, 50, 60, 75),
  "350" = c(175, 260, 315),
  "500" = c(0, 250, 375, 450))
P0S <- c(0.5, 0.6, 0.75, 0.9)
bt <- list(c(9, 11, 0.75), c(60, 100, 0.5), c(260, 350, 0.75))
for (nm in names(xs_by_n)) {
  n <- as.numeric(nm)
  for (x in xs_by_n[[nm]]) for (p0 in P0S) bt[[length(bt) + 1]] <- c(x, n, p0)
}
bt <- unique(do.call(rbind, bt))
binom_df <- data.frame(x = bt[, 1], n = bt[, 2], p0 = bt[, 3])
binom_df$p_value <- mapply(binom_p, binom_df$x, binom_df$n, binom_df$p0)
write_golden(binom_df, "binom_test.csv")

# ---------------------------------------------------------------------------
# 2. fisher_test.csv
# ---------------------------------------------------------------------------
ft <- list(
  c(3, 12, 13, 20), c(260, 350, 150, 300), c(30, 40, 20, 40), c(12, 20, 10, 20),
  c(50, 60, 30, 50), c(9, 11, 5, 11), c(60, 100, 45, 100), c(100, 120, 80, 120))
# small n: all tables with n1, n2 in {1, 2}
for (n1 in 1:2) for (n2 in 1:2) for (x1 in 0:n1) for (x2 in 0:n2)
  ft[[length(ft) + 1]] <- c(x1, n1, x2, n2)
# zeros and full rows
for (p in list(c(0, 10, 0, 10), c(10, 10, 10, 10), c(0, 10, 10, 10), c(10, 10, 0, 10),
               c(0, 5, 3, 7), c(5, 5, 3, 7), c(0, 12, 13, 20), c(12, 12, 13, 20),
               c(3, 12, 0, 20), c(3, 12, 20, 20), c(0, 1, 5, 30), c(1, 1, 5, 30),
               c(0, 50, 1, 50), c(50, 50, 49, 50), c(0, 350, 0, 300), c(350, 350, 300, 300)))
  ft[[length(ft) + 1]] <- p
# moderate grid
for (p in list(c(5, 10, 2, 10), c(7, 10, 2, 10), c(8, 10, 1, 10), c(15, 20, 8, 20),
               c(20, 30, 10, 30), c(25, 50, 25, 50), c(40, 50, 30, 50), c(10, 50, 20, 60),
               c(1, 30, 8, 30), c(29, 30, 22, 30), c(70, 100, 55, 100), c(200, 350, 150, 300),
               c(3, 7, 4, 9), c(6, 15, 11, 14), c(2, 25, 9, 25)))
  ft[[length(ft) + 1]] <- p
ft <- unique(do.call(rbind, ft))
fisher_df <- data.frame(x1 = ft[, 1], n1 = ft[, 2], x2 = ft[, 3], n2 = ft[, 4])
fisher_df$p_value <- mapply(fisher_p, fisher_df$x1, fisher_df$n1, fisher_df$x2, fisher_df$n2)
write_golden(fisher_df, "fisher_test.csv")

# ---------------------------------------------------------------------------
# 3. intervals.csv
# ---------------------------------------------------------------------------
LEVELS <- c(0.5, 0.8, 0.9, 0.95, 0.99, 0.999)
NS <- c(1, 2, 5, 11, 30, 100, 350)
iv <- list()
for (m in METHODS) for (lev in LEVELS) for (n in NS) {
  xs <- sort(unique(c(0, 1, n - 1, n, floor(n / 2), round(0.75 * n))))
  xs <- xs[xs >= 0 & xs <= n]
  for (x in xs) {
    ci <- interval(m, x, n, lev)
    iv[[length(iv) + 1]] <- data.frame(method = m, x = x, n = n, level = lev,
                                       lower = ci[1], upper = ci[2])
  }
}
write_golden(do.call(rbind, iv), "intervals.csv")

# ---------------------------------------------------------------------------
# 4. newcombe.csv
# ---------------------------------------------------------------------------
nc_cases <- list(
  c(3, 12, 13, 20), c(30, 40, 20, 40), c(12, 20, 10, 20), c(50, 60, 30, 50),
  c(260, 350, 150, 300), c(0, 10, 5, 10), c(5, 10, 0, 10), c(10, 10, 5, 10),
  c(5, 10, 10, 10), c(0, 15, 0, 15), c(15, 15, 15, 15), c(1, 1, 0, 1),
  c(0, 1, 3, 5), c(1, 1, 10, 20))
ncl <- list()
for (cs in nc_cases) for (lev in c(0.9, 0.95, 0.99)) {
  r <- newcombe(cs[1], cs[2], cs[3], cs[4], lev)
  ncl[[length(ncl) + 1]] <- data.frame(x1 = cs[1], n1 = cs[2], x2 = cs[3], n2 = cs[4],
                                       level = lev, estimate = r[1], lower = r[2], upper = r[3])
}
write_golden(do.call(rbind, ncl), "newcombe.csv")

# ---------------------------------------------------------------------------
# 5. Tipping point, one arm
# ---------------------------------------------------------------------------
tp_cases <- list(
  list(260, 350, 62, 0.75, 0.95, "WILSON"),
  list(30, 40, 15, 0.75, 0.95, "WILSON"),
  list(9, 11, 5, 0.75, 0.95, "CLOPPER_PEARSON"),
  list(40, 50, 0, 0.75, 0.95, "WILSON"),
  list(0, 12, 6, 0.5, 0.95, "JEFFREYS"),
  list(12, 12, 4, 0.75, 0.9, "AGRESTI_COULL"),
  list(100, 120, 30, 0.75, 0.99, "WILSON"),
  list(20, 30, 10, 0.5, 0.95, "WILSON"))
tp_pts <- list(); tp_cs <- list()
for (i in seq_along(tp_cases)) {
  cs <- tp_cases[[i]]
  r <- cs[[1]]; f <- cs[[2]]; L <- cs[[3]]; p0 <- cs[[4]]; lev <- cs[[5]]; m <- cs[[6]]
  cc <- interval(m, r, f, lev)
  cc_v <- verdict(cc[1], cc[2], p0)
  tip <- NA
  N <- f + L
  for (k in 0:L) {
    x <- r + k
    ci <- interval(m, x, N, lev)
    v <- verdict(ci[1], ci[2], p0)
    if (is.na(tip) && v != cc_v) tip <- k
    tp_pts[[length(tp_pts) + 1]] <- data.frame(case = i, k = k, share = x / N,
      lower = ci[1], upper = ci[2], p_value = binom_p(x, N, p0), verdict = v)
  }
  tp_cs[[i]] <- data.frame(case = i, regained = r, followed_up = f, lost = L, claim = p0,
    level = lev, method = m, complete_case_verdict = cc_v, tipping_point = tip)
}
write_golden(do.call(rbind, tp_pts), "tipping_point_points.csv")
write_golden(do.call(rbind, tp_cs), "tipping_point_cases.csv")

# ---------------------------------------------------------------------------
# 6. Tipping point, two arms
# ---------------------------------------------------------------------------
tg_cases <- list(c(30, 40, 6, 20, 40, 5, 0.95), c(12, 20, 4, 10, 20, 3, 0.95),
                 c(50, 60, 8, 30, 50, 10, 0.9))
tg <- list(); tgc <- list()
for (i in seq_along(tg_cases)) {
  cs <- tg_cases[[i]]
  rT <- cs[1]; fT <- cs[2]; LT <- cs[3]; rC <- cs[4]; fC <- cs[5]; LC <- cs[6]; lev <- cs[7]
  nT <- fT + LT; nC <- fC + LC
  for (kT in 0:LT) for (kC in 0:LC) {
    xT <- rT + kT; xC <- rC + kC
    r <- newcombe(xT, nT, xC, nC, lev)
    tg[[length(tg) + 1]] <- data.frame(case = i, k_treatment = kT, k_control = kC,
      estimate = r[1], lower = r[2], upper = r[3], fisher_p_value = fisher_p(xT, nT, xC, nC))
  }
  tgc[[i]] <- data.frame(case = i, regained_t = rT, followed_t = fT, lost_t = LT,
    regained_c = rC, followed_c = fC, lost_c = LC, level = lev)
}
write_golden(do.call(rbind, tg), "tipping_grid.csv")
write_golden(do.call(rbind, tgc), "tipping_grid_cases.csv")

# ---------------------------------------------------------------------------
# 7. Planner precision
# ---------------------------------------------------------------------------
round_half_up <- function(v) floor(v + 0.5)
precision_n <- function(expected, hw, method, level) {
  n <- 1
  repeat {
    x <- round_half_up(expected * n)
    ci <- interval(method, x, n, level)
    if ((ci[2] - ci[1]) / 2 <= hw) return(n)
    n <- n + 1
  }
}
pp <- list()
for (e in c(0.5, 0.75, 0.9)) for (hw in c(0.05, 0.1)) for (m in METHODS) for (lev in c(0.9, 0.95))
  pp[[length(pp) + 1]] <- data.frame(expected = e, half_width = hw, method = m, level = lev,
                                     n = precision_n(e, hw, m, lev))
pp[[length(pp) + 1]] <- data.frame(expected = 0.75, half_width = 0.03, method = "WILSON",
                                   level = 0.95, n = precision_n(0.75, 0.03, "WILSON", 0.95))
write_golden(do.call(rbind, pp), "planner_precision.csv")

# ---------------------------------------------------------------------------
# 8. Planner power
# ---------------------------------------------------------------------------
make_power <- function(p1, p0, alpha) {
  cache <- numeric(0)
  function(m) {
    if (m <= length(cache) && !is.na(cache[m])) return(cache[m])
    xs <- 0:m
    pv <- vapply(xs, function(x) binom_p(x, m, p0), numeric(1))
    val <- sum(dbinom(xs[pv <= alpha], m, p1))
    cache[m] <<- val
    val
  }
}
power_n <- function(p1, p0, target, alpha) {
  pw <- make_power(p1, p0, alpha)
  n <- 1
  repeat {
    ok <- TRUE
    for (m in n:(2 * n)) if (pw(m) < target) { ok <- FALSE; break }
    if (ok) return(c(n, pw(n)))
    n <- n + 1
  }
}
pw_cases <- list(c(0.65, 0.75, 0.8, 0.05), c(0.6, 0.75, 0.8, 0.05), c(0.5, 0.75, 0.9, 0.05),
                 c(0.9, 0.75, 0.8, 0.05), c(0.55, 0.75, 0.8, 0.01), c(0.85, 0.75, 0.8, 0.05))
pwl <- list()
for (cs in pw_cases) {
  r <- power_n(cs[1], cs[2], cs[3], cs[4])
  pwl[[length(pwl) + 1]] <- data.frame(p1 = cs[1], p0 = cs[2], power = cs[3], alpha = cs[4],
                                       n = r[1], achieved_power = r[2])
}
write_golden(do.call(rbind, pwl), "planner_power.csv")

c1 <- pw_cases[[1]]
pw1 <- make_power(c1[1], c1[2], c1[4])
write_golden(data.frame(p1 = c1[1], p0 = c1[2], alpha = c1[4], n = 1:250,
                        power = vapply(1:250, pw1, numeric(1))), "planner_power_curve.csv")

cat("Generated with", R.version.string, "\n")
