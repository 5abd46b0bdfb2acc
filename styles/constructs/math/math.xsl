<?xml version="1.0" encoding="UTF-8"?>
<!-- Formulas: tei:formula, in MathML or in a notation written as text (TeX, LaTeX…).

     A reader sees a formula typeset, never its source code: MathML inside the TEI is
     copied as the HTML's own math element (browsers and EPUB 3 reading systems set it;
     constructs/math/print.css lays it out for the PDF). A formula in TeX is written here
     as code with its notation; editio.hub.math turns it into MathML after the transform
     (pandoc's TeX reader), keeping the TeX as the formula's annotation. What cannot be
     turned (another notation, TeX pandoc does not know) stays code, as written. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:mml="http://www.w3.org/1998/Math/MathML"
    exclude-result-prefixes="tei mml">

  <xsl:template match="tei:formula">
    <!-- a formula alone in its paragraph is a line of its own, and so is one the TEI or its
         MathML says is displayed (rend="display", an equation) -->
    <xsl:variable name="rend" select="concat(' ', translate(normalize-space(@rend), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), ' ')"/>
    <xsl:variable name="display" select="normalize-space(..) = normalize-space(.) or .//mml:math/@display = 'block'
        or contains($rend, ' display ') or contains($rend, ' equation ') or contains($rend, ' block ')"/>
    <xsl:choose>
      <xsl:when test=".//mml:math">
        <span class="formula">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:if test="$display"><xsl:attribute name="class">formula display</xsl:attribute></xsl:if>
          <xsl:apply-templates select=".//mml:math[not(ancestor::mml:math)]" mode="mathml">
            <xsl:with-param name="display" select="$display"/>
          </xsl:apply-templates>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <code class="formula">
          <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
          <xsl:if test="$display"><xsl:attribute name="class">formula display</xsl:attribute></xsl:if>
          <xsl:if test="@notation"><xsl:attribute name="data-notation"><xsl:value-of select="@notation"/></xsl:attribute></xsl:if>
          <xsl:value-of select="normalize-space(.)"/>
        </code>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- MathML straight in the text, without a formula around it (TEI customisations that
       admit it anywhere): a formula all the same. -->
  <xsl:template match="mml:math">
    <span class="formula">
      <xsl:if test="@display = 'block'"><xsl:attribute name="class">formula display</xsl:attribute></xsl:if>
      <xsl:apply-templates select="." mode="mathml">
        <xsl:with-param name="display" select="@display = 'block'"/>
      </xsl:apply-templates>
    </span>
  </xsl:template>

  <!-- MathML into the hub: the same elements in no namespace (the hub's HTML; the EPUB
       writer puts them back into MathML's), their own attributes but no style or event
       handler, no whitespace between elements (print lays the elements out as boxes,
       where it would be a space). -->
  <xsl:template match="mml:math" mode="mathml">
    <xsl:param name="display" select="false()"/>
    <math>
      <xsl:call-template name="mathml-attributes"/>
      <xsl:attribute name="display"><xsl:choose>
        <xsl:when test="$display">block</xsl:when><xsl:otherwise>inline</xsl:otherwise>
      </xsl:choose></xsl:attribute>
      <xsl:apply-templates mode="mathml"/>
    </math>
  </xsl:template>

  <xsl:template match="mml:*" mode="mathml">
    <xsl:element name="{local-name()}">
      <xsl:call-template name="mathml-attributes"/>
      <xsl:apply-templates mode="mathml"/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="mathml-attributes">
    <xsl:for-each select="@*[namespace-uri() = ''][not(local-name() = 'style' or local-name() = 'display'
                              or local-name() = 'xmlns' or starts-with(local-name(), 'on'))]">
      <xsl:attribute name="{local-name()}"><xsl:value-of select="."/></xsl:attribute>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="text()" mode="mathml">
    <xsl:if test="normalize-space(.) != ''"><xsl:value-of select="normalize-space(.)"/></xsl:if>
  </xsl:template>
  <!-- anything of another vocabulary inside a formula has no place in the HTML's math -->
  <xsl:template match="*" mode="mathml"/>

</xsl:stylesheet>
