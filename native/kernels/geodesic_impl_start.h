// numaccel — the start of the batch geodesic inverse in SIMD lanes (included by geodesic_impl.h
// inside its namespace): geodesic.cc's setup() and inverse_start() for N pairs at once, operation
// for operation, on the common path only. A lane flagged in `scalar` met a case this code does
// not reproduce (longitudes beyond ±180, a zero or ±180 longitude difference, an exact 0, 30 or
// 45 degree argument of sincosd, a zero latitude, the forced bet2 = ±bet1, a meridian, the
// equator, a really short line, a short one with |omg12| > pi/4, the nearly antipodal astroid
// start): the caller hands that pair to the scalar code (geodesic::newton_start(), and
// geodesic::inverse() when it does not take Newton), exact by definition. The other lanes leave
// here exactly the NewtonStart that geodesic::newton_start() computes.

/** fdlibm::two_sum. */
template <class T>
NUMACCEL_GEO_INLINE typename T::D two_sum(typename T::D u, typename T::D v, typename T::D& e) noexcept {
    using D = typename T::D;
    const D s = u + v;
    D up = s - v;
    D vpp = s - up;
    up = up - u;
    vpp = vpp - v;
    e = T::sel(ne<T>(s, T::set1(0.0)), T::set1(0.0) - (up + vpp), s);
    return s;
}

/** fdlibm::ang_round for x != 0 (zeros are flagged by the caller). */
template <class T>
NUMACCEL_GEO_INLINE typename T::D ang_round(typename T::D x) noexcept {
    using D = typename T::D;
    const D z = T::set1(0.0625);
    const D y = T::abs(x);
    const D w = z - y;
    return T::neg_if(T::lt(x, T::set1(0.0)), T::sel(T::gt(w, T::set1(0.0)), z - w, y));
}

/** fdlibm::sincosd_tail, flagging |d| = 30 or 45 and a zero sine in bad. */
template <class T>
NUMACCEL_GEO_INLINE geo_impl::SinCos<T> sincosd_tail(typename T::D d, typename T::D q, typename T::M& bad) noexcept {
    using D = typename T::D;
    const D r = d * T::set1(fdlibm::RADIANS_PER_DEGREE);
    const D s = fdlibm_kernels::sin_kernel<T>(r);
    const D c = fdlibm_kernels::cos_kernel<T>(r);
    const D ad = T::abs(d);
    bad = m_or<T>(bad, m_or<T>(T::eq(ad, T::set1(45.0)), T::eq(ad, T::set1(30.0))));
    const typename T::Quadrant k = T::floor_quadrant(q);  // q is an integer: k.q == q
    const D sinx = T::neg_if(k.two, T::sel(k.odd, c, s));
    const D cosx = T::neg_if(T::mxor(k.odd, k.two), T::sel(k.odd, s, c)) + T::set1(0.0);
    bad = m_or<T>(bad, T::eq(sinx, T::set1(0.0)));
    return geo_impl::SinCos<T>{sinx, cosx};
}

/** sincosd (t = 0) or sincosde (t the correction) for |x| < 360. */
template <class T>
NUMACCEL_GEO_INLINE geo_impl::SinCos<T> sincosd(typename T::D x, const typename T::D* t, typename T::M& bad) noexcept {
    using D = typename T::D;
    const D q = T::floor_quadrant(x / T::set1(90.0) + T::set1(0.5)).q;
    D d = x - T::set1(90.0) * q;
    if (t != nullptr) {
        d = d + *t;
        bad = m_or<T>(bad, T::eq(d, T::set1(0.0)));
        d = ang_round<T>(d);
    }
    return sincosd_tail<T>(d, q, bad);
}

/** Reduced latitude (eq. 6) of phi: sbet, cbet (clamped to TINY). */
template <class T>
NUMACCEL_GEO_INLINE void reduced(typename T::D phi, const Ellipsoid& E, typename T::D& sbet, typename T::D& cbet,
                                 typename T::M& bad) noexcept {
    using D = typename T::D;
    const geo_impl::SinCos<T> sc = sincosd<T>(phi, nullptr, bad);
    sbet = T::set1(E.f1) * sc.s;
    cbet = sc.c;
    const D h = hypot<T>(sbet, cbet);
    sbet = sbet / h;
    cbet = cbet / h;
    const D tiny = T::set1(0x1p-511);
    cbet = T::sel(T::gt(cbet, tiny), cbet, tiny);
}

/**
 * setup() and inverse_start() for the pairs (lon1, lat1, lon2, lat2): into s (sbet1 .. clam12,
 * salp1, calp1); returns the lanes to be computed by the scalar code.
 */
template <class T>
NUMACCEL_GEO_INLINE typename T::M start(typename T::D lon1, typename T::D lat1, typename T::D lon2, typename T::D lat2,
                                        const Ellipsoid& E, Lanes<T>& s) noexcept {
    using D = typename T::D;
    using M = typename T::M;
    const D zero = T::set1(0.0);
    const D one = T::set1(1.0);
    const D d180 = T::set1(180.0);
    // ang_diff: remainder(-lon1, 360) and remainder(lon2, 360) are the identity for |lon| <= 180.
    const D d90 = T::set1(90.0);
    // NaN and out-of-range inputs (outside the contract) are the scalar code's too.
    M bad = m_or<T>(m_not<T>(ge<T>(d180, T::abs(lon1))), m_not<T>(ge<T>(d180, T::abs(lon2))));
    bad = m_or<T>(bad, m_or<T>(m_not<T>(ge<T>(d90, T::abs(lat1))), m_not<T>(ge<T>(d90, T::abs(lat2)))));
    D e;
    D d = two_sum<T>(-lon1, lon2, e);
    const D ad = T::abs(d);  // <= 360: remainder(d, 360) without fmod
    d = T::sel(ge<T>(d180, ad), d, T::neg_if(T::lt(d, zero), ad - T::set1(360.0)));
    d = two_sum<T>(d, e, e);
    bad = m_or<T>(bad, m_or<T>(T::eq(d, zero), T::eq(T::abs(d), d180)));
    const M neg = T::lt(d, zero);  // lonsign
    const D lon12 = T::neg_if(neg, d);
    const D lon12s = T::neg_if(neg, e);
    const D lam12 = lon12 * T::set1(fdlibm::RADIANS_PER_DEGREE);
    const geo_impl::SinCos<T> lam = sincosd<T>(lon12, &lon12s, bad);
    s.slam12 = lam.s;
    s.clam12 = lam.c;
    // Latitudes: zero ones are flagged (ang_round and signbit of a zero).
    bad = m_or<T>(bad, m_or<T>(T::eq(lat1, zero), T::eq(lat2, zero)));
    D phi1 = ang_round<T>(lat1);
    D phi2 = ang_round<T>(lat2);
    bad = m_or<T>(bad, m_or<T>(T::eq(phi1, zero), T::eq(phi2, zero)));  // signbit of a zero
    const M swap = T::lt(T::abs(phi1), T::abs(phi2));
    const D p1 = T::sel(swap, phi2, phi1);
    const D p2 = T::sel(swap, phi1, phi2);
    const M flip = m_not<T>(T::lt(p1, zero));  // latsign = -1
    phi1 = T::neg_if(flip, p1);
    phi2 = T::neg_if(flip, p2);
    bad = m_or<T>(bad, T::eq(phi1, T::set1(-90.0)));  // meridian
    reduced<T>(phi1, E, s.sbet1, s.cbet1, bad);
    reduced<T>(phi2, E, s.sbet2, s.cbet2, bad);
    // The forced bet2 = ±bet1 and the equator (sbet1 == 0) are left to the scalar code.
    bad = m_or<T>(bad, m_or<T>(T::eq(s.cbet2, s.cbet1), T::eq(T::abs(s.sbet2), -s.sbet1)));
    bad = m_or<T>(bad, m_or<T>(T::eq(s.sbet1, zero), T::eq(s.slam12, zero)));
    s.dn1 = T::sqrt(one + T::set1(E.ep2) * (s.sbet1 * s.sbet1));
    s.dn2 = T::sqrt(one + T::set1(E.ep2) * (s.sbet2 * s.sbet2));
    // inverse_start, not a short line.
    const D sbet12 = s.sbet2 * s.cbet1 - s.cbet2 * s.sbet1;
    const D cbet12 = s.cbet2 * s.cbet1 + s.sbet2 * s.sbet1;
    const D sbet12a = s.sbet2 * s.cbet1 + s.cbet2 * s.sbet1;
    const M shortline =
        m_and<T>(m_and<T>(ge<T>(cbet12, zero), T::lt(sbet12, T::set1(0.5))), T::lt(s.cbet2 * lam12, T::set1(0.5)));
    D somg12 = s.slam12;
    D comg12 = s.clam12;
    if (T::mask_bits(shortline) != 0) {
        // Short lines: omg12 from the mean reduced latitude (sincos on the kernels for |w| <= pi/4).
        D sbetm2 = (s.sbet1 + s.sbet2) * (s.sbet1 + s.sbet2);
        sbetm2 = sbetm2 / (sbetm2 + (s.cbet1 + s.cbet2) * (s.cbet1 + s.cbet2));
        const D dnm = T::sqrt(one + T::set1(E.ep2) * sbetm2);
        const D w = lam12 / (T::set1(E.f1) * dnm);
        bad = m_or<T>(bad, m_and<T>(shortline, m_not<T>(ge<T>(T::set1(0.7853981633974483), T::abs(w)))));
        somg12 = T::sel(shortline, T::sel(T::eq(w, zero), w, fdlibm_kernels::sin_kernel<T>(w)), somg12);
        comg12 = T::sel(shortline, fdlibm_kernels::cos_kernel<T>(w), comg12);
    }
    D salp1 = s.cbet2 * somg12;
    const D t = s.cbet2 * s.sbet1 * (somg12 * somg12);
    const M cpos = ge<T>(comg12, zero);
    D calp1 = T::sel(cpos, sbet12 + t / (one + comg12), sbet12a - t / (one - comg12));
    const D ssig12 = hypot<T>(salp1, calp1);
    const D csig12 = s.sbet1 * s.sbet2 + s.cbet1 * s.cbet2 * comg12;
    bad = m_or<T>(bad, m_and<T>(shortline, T::lt(ssig12, T::set1(E.etol2))));  // really short
    if (!(std::fabs(E.n) > 0.1)) {
        const double lim = 6 * std::fabs(E.n) * fdlibm::PI;
        const M spherical = m_or<T>(ge<T>(csig12, zero), ge<T>(ssig12, T::set1(lim) * (s.cbet1 * s.cbet1)));
        bad = m_or<T>(bad, m_not<T>(spherical));  // nearly antipodal: the astroid
    }
    const M pos = m_not<T>(m_or<T>(T::lt(salp1, zero), T::eq(salp1, zero)));  // !(salp1 <= 0)
    const D h = hypot<T>(salp1, calp1);
    s.salp1 = T::sel(pos, salp1 / h, one);
    s.calp1 = T::sel(pos, calp1 / h, zero);
    return bad;
}
